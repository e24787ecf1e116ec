// `npm run backup -- [--out FILE] [--url URL]`: a consistent copy of the embedded database while
// the server runs, written to FILE (default DATA_DIR/backups/<time>.tar.gz). Run it with the
// server's environment (its DATA_DIR, or SESSION_SECRET). PostgreSQL deployments use pg_dump.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_TOKEN_HEADER } from '../server/api/backup-routes.js';
import { backupToken } from '../server/backup/backup-token.js';
import { loadConfig } from '../server/config.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, url: { type: 'string' } } });
const config = await loadConfig();
if (config.DATABASE_URL) {
  console.error('DATABASE_URL is set: this server uses PostgreSQL. Back it up with pg_dump -Fc (restore with pg_restore).');
  process.exit(1);
}
const base = values.url ?? `http://127.0.0.1:${config.PORT}`;
const res = await fetch(`${base}/api/backup`, { method: 'POST', headers: { [BACKUP_TOKEN_HEADER]: backupToken(config.SESSION_SECRET), 'X-Requested-With': 'samroom' } }).catch((err: unknown) => {
  console.error(`No server answered at ${base} (${(err as Error).message}). With the server stopped, copy DATA_DIR/pglite instead.`);
  process.exit(1);
});
if (!res.ok) {
  console.error(`The server refused the backup: ${res.status} ${await res.text()}`);
  process.exit(1);
}
const out = path.resolve(values.out ?? path.join(config.DATA_DIR, 'backups', `sam-room-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`));
await mkdir(path.dirname(out), { recursive: true });
const body = Buffer.from(await res.arrayBuffer());
await writeFile(out, body, { mode: 0o600 });
console.log(`Backup written: ${out} (${body.length} bytes)`);
