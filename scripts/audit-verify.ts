// `npm run audit:verify`: checks the audit trail's hash chain; exits 1 naming the first broken row.
import { AuditLog } from '../server/audit/audit-log.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';

const config = await loadConfig();
const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
const db = createPrismaClient(target);
const result = await new AuditLog(db).verify();
if (result.ok) console.log(`Audit trail intact: ${result.rows} rows verified.`);
else console.error(`Audit trail BROKEN at row seq=${result.brokenAt}: ${result.reason} (${result.rows} rows before it verified).`);
await db.$disconnect();
await target.close();
process.exit(result.ok ? 0 : 1);
