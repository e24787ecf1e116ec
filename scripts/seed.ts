// `npm run seed`: seeds the demo data into the configured database if it is empty.
import { randomBytes } from 'node:crypto';
import { todayInNz } from '../shared/nz-time.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';
import { applyMigrations } from '../server/db/migrate.js';
import { seedDemo } from '../server/seed/seed-demo.js';

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
await db.$disconnect();
await target.close();
