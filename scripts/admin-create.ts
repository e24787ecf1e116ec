// `npm run admin:create -- --email … --name … --site-code … --site-name … --agency-code … [--agency-name …]`:
// the first site and its national administrator on an empty database, with a one-time link to
// set their password. No password ever goes on the command line (shell history, process lists).
import { parseArgs } from 'node:util';
import { FirstAdminRequest } from '../shared/api/admin.js';
import { createFirstAdministrator } from '../server/admin/first-admin.js';
import { AuditLog } from '../server/audit/audit-log.js';
import { CheckpointFile } from '../server/audit/checkpoint-file.js';
import { loadConfig } from '../server/config.js';
import { openDbTarget } from '../server/db/adapter.js';
import { createPrismaClient } from '../server/db/client.js';
import { applyMigrations } from '../server/db/migrate.js';
import { DomainError } from '../server/domain/domain-error.js';

const OPTIONS = {
  email: 'email', name: 'displayName', 'site-code': 'siteCode', 'site-name': 'siteName',
  'agency-code': 'agencyCode', 'agency-name': 'agencyName', 'agency-kind': 'agencyKind',
} as const satisfies Record<string, keyof FirstAdminRequest>;
const optionOf = (field: PropertyKey) => Object.entries(OPTIONS).find(([, f]) => f === field)?.[0] ?? String(field);

const { values } = parseArgs({
  options: Object.fromEntries(Object.keys(OPTIONS).map((o) => [o, { type: 'string' as const }])),
  strict: true,
});
const parsed = FirstAdminRequest.safeParse(Object.fromEntries(Object.entries(OPTIONS).map(([o, field]) => [field, values[o]])));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${optionOf(issue.path[0] ?? '')}: ${issue.message}`);
  process.exit(2);
}

const config = await loadConfig();
const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
let exitCode = 0;
try {
  await applyMigrations(target.adapter);
  const db = createPrismaClient(target);
  try {
    const audit = await AuditLog.open(db, config.AUDIT_KEY, new CheckpointFile(config.AUDIT_CHECKPOINT_FILE, config.AUDIT_KEY));
    const made = await createFirstAdministrator({ db, audit }, parsed.data);
    // Anchors what this command recorded outside the database, as the server does at shutdown.
    const head = await audit.head();
    if (head) await audit.checkpoints.append(head);
    const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    console.log(`Made site ${parsed.data.siteCode} and its national administrator ${parsed.data.email.toLowerCase()}.`);
    console.log(`They set their password at this one-time link (valid until ${made.expiresAt.toISOString()}):`);
    console.log(`${base}/password#${made.token}`);
  } finally {
    await db.$disconnect();
  }
} catch (err) {
  if (!(err instanceof DomainError)) throw err;
  for (const f of err.fields ?? []) console.error(`--${optionOf(f.field)}: ${f.message}`);
  console.error(err.message);
  exitCode = 1;
} finally {
  await target.close();
}
process.exit(exitCode);
