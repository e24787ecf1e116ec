// `npm run audit:verify`: checks the audit trail's keyed hash chain against the checkpoints written
// outside the database; exits 1 naming the first broken row (or what else is wrong).
import { CheckpointFile } from '../server/audit/checkpoint-file.js';
import { verifyTrail } from '../server/audit/verify-trail.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';

const config = await loadConfig();
const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
const db = createPrismaClient(target);
const file = new CheckpointFile(config.AUDIT_CHECKPOINT_FILE, config.AUDIT_KEY);
const result = await verifyTrail(db, config.AUDIT_KEY, await file.read());
const summary = `${result.rows} rows verified (${result.legacyRows} of them unkeyed, from before the keyed chain), ` +
  `${result.checkpoints} checkpoints from ${file.path} matched`;
if (result.ok) {
  console.log(`Audit trail intact: ${summary}.`);
  if (result.checkpoints === 0) console.log('No checkpoint covers these rows: deleting the newest rows would not show. Is AUDIT_CHECKPOINT_FILE the server\'s?');
} else {
  const where = result.brokenAt === null ? '' : ` at row seq=${result.brokenAt}`;
  console.error(`Audit trail BROKEN${where}: ${result.reason} (${summary} before that).`);
}
await db.$disconnect();
await target.close();
process.exit(result.ok ? 0 : 1);
