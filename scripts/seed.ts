// `npm run seed`: seeds the demo data into the configured database if it is empty.
// `npm run seed -- --volume`: then adds two years of synthetic volume (about 40,000 episodes at two
// sites of their own) for measuring reports, unless it is there already.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../shared/domain.js';
import { todayInNz } from '../shared/nz-time.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';
import { applyMigrations } from '../server/db/migrate.js';
import { seedDemo } from '../server/seed/seed-demo.js';
import { seedVolume } from '../server/seed/volume.js';

const config = await loadConfig();
const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
await applyMigrations(target.adapter);
const db = createPrismaClient(target);
const password = config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
const result = await seedDemo(db, { today: todayInNz(), password });
if (result.seeded) {
  console.log(`Seeded demo data: ${JSON.stringify(result.counts)}`);
  console.log(`Sign in as ${result.chairEmail} with ${config.DEMO_PASSWORD ? 'DEMO_PASSWORD' : `password ${password}`}`);
} else {
  console.log('The database already has data; nothing seeded.');
}
if (process.argv.includes('--volume')) {
  const started = Date.now();
  const yesterday = DateTime.fromISO(todayInNz(), { zone: NZ_TIME_ZONE }).minus({ days: 1 }).toISODate()!;
  const volume = await seedVolume(db, { end: yesterday });
  console.log(volume.seeded
    ? `Seeded volume data in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(volume.counts)}`
    : 'The volume sites already exist; nothing added.');
}
await db.$disconnect();
await target.close();
