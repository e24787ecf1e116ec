// `npm run retention -- --dry-run [--site CODE] [--record]`: lists what the retention schedule has
// due at each site, and what legal holds keep, changing nothing. With --record, also records the
// listing in the audit trail, as the server's daily check does. Approval happens in the app
// (Retention, /retention) or through POST /api/retention/disposals, never unattended.
import { parseArgs } from 'node:util';
import { AuditLog } from '../server/audit/audit-log.js';
import { CheckpointFile } from '../server/audit/checkpoint-file.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';
import { createLogger } from '../server/logger.js';
import { DueCheck } from '../server/retention/due-check.js';
import { listDue } from '../server/retention/due-list.js';
import { loadRetentionRules } from '../server/retention/retention-rules.js';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' }, site: { type: 'string' }, record: { type: 'boolean' } } });
const config = await loadConfig();
const rules = await loadRetentionRules(config.RETENTION_RULES_FILE);
const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
const db = createPrismaClient(target);
try {
  const sites = await db.site.findMany({ where: values.site ? { code: values.site } : {}, orderBy: { code: 'asc' } });
  if (values.site && sites.length === 0) throw new Error(`--site: no site has the code ${values.site}`);
  for (const site of sites) {
    const batch = await listDue(db, rules, site.id);
    console.log(`${site.code}: ${batch.items.length} due, ${batch.held.length} held (batch ${batch.batchHash.slice(0, 12)})`);
    for (const item of batch.items) console.log(`  due   ${item.kind.padEnd(16)} ${item.label} (since ${item.eventAt.slice(0, 10)})`);
    for (const item of batch.held) console.log(`  held  ${item.kind.padEnd(16)} ${item.label}: hold on ${item.hold.caseReference}: ${item.hold.reason}`);
  }
  if (values.record) {
    const audit = await AuditLog.open(db, config.AUDIT_KEY, new CheckpointFile(config.AUDIT_CHECKPOINT_FILE, config.AUDIT_KEY));
    const recorded = await new DueCheck(db, audit, rules, config.RETENTION_CHECK_INTERVAL_MS, createLogger('silent')).runOnce();
    console.log(recorded > 0 ? `Recorded in the audit trail for ${recorded} site(s).` : 'Nothing recorded: nothing due, or the daily check already recorded it.');
  }
  console.log('Nothing was changed. Approve a batch in the app (Retention), as an administrator.');
} finally {
  await db.$disconnect();
  await target.close();
}
