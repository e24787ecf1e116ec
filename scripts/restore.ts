// `npm run restore -- FILE`: replaces the embedded database with a copy `npm run backup` made.
// Stop the server first. The database it replaces is kept beside it (DATA_DIR/pglite.replaced-<time>).
import { readFile, rename, stat } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../server/config.js';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- FILE (a .tar.gz from npm run backup)');
  process.exit(1);
}
const config = await loadConfig();
if (config.DATABASE_URL) {
  console.error('DATABASE_URL is set: this server uses PostgreSQL. Restore it with pg_restore.');
  process.exit(1);
}
const running = await fetch(`http://127.0.0.1:${config.PORT}/api/health`).then(() => true, () => false);
if (running) {
  console.error(`A server answers on port ${config.PORT}: stop it first, then restore.`);
  process.exit(1);
}
const copy = new Blob([await readFile(file)]);
const dir = config.pgliteDir;
const existing = await stat(dir).then(() => true, () => false);
const kept = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
if (existing) await rename(dir, kept);
// Opening a new data directory with the copy unpacks it there; a query proves it opens.
const pglite = await PGlite.create({ dataDir: dir, loadDataDir: copy });
const [row] = (await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM "Meeting"')).rows;
await pglite.close();
console.log(`Restored ${file} into ${dir} (${row?.n ?? 0} meetings).${existing ? ` The database it replaced is in ${kept}.` : ''}`);
