import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPrepEntry } from '../../shared/meeting-doc/index.js';
import { DocPersistence } from '../../server/collab/persistence.js';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import type { Sql } from '../../server/db/sql.js';
import { createLogger } from '../../server/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

// The embedded database is copied while the server runs (npm run backup) and restored into a
// fresh DATA_DIR (npm run restore): every row of every table and every stored document is there,
// and nothing written after the copy.

/** Every table's rows, as text in a fixed order, so two databases compare exactly. */
async function everything(sql: Sql): Promise<Record<string, string>> {
  const tables = (await sql.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`)).map((r) => String(r.t));
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await sql.query(`SELECT md5(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text)) AS h, count(*)::int AS n FROM "${t}" x`);
    out[t] = `${String(rows[0]?.n)} rows, ${String(rows[0]?.h)}`;
  }
  return out;
}

async function documents(sql: Sql): Promise<Map<string, Buffer>> {
  const names = (await sql.query('SELECT DISTINCT doc FROM (SELECT doc FROM "DocUpdate" UNION SELECT doc FROM "DocSnapshot") d ORDER BY doc')).map((r) => String(r.doc));
  const store = new DocPersistence(sql, createLogger('silent'));
  const docs = new Map<string, Buffer>();
  for (const name of names) docs.set(name, Buffer.from((await store.load(name))!));
  return docs;
}

describe('backups of the embedded database', () => {
  let server: TestServer;
  let tmp: string;
  let restored: DbTarget | undefined;

  beforeAll(async () => {
    // DATABASE_URL unset: the embedded PGlite in the server's DATA_DIR.
    server = await startTestServer({ DATABASE_URL: '' });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'backup-'));
  }, 120_000);
  afterAll(async () => {
    await restored?.close();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('copies the database while the server runs, and a restore finds every record and document', async () => {
    expect(server.ctx.dbKind).toBe('pglite');
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM' }, include: { agendaItems: { take: 1 } } });
    await server.ctx.docs.withDoc({ kind: 'prep', meetingId: meeting.id, agencyCode: 'POLICE' }, ({ doc }) => {
      setPrepEntry(doc, meeting.agendaItems[0]!.id, { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Two call-outs this year; Tūī Pōhatu-Rāwiri was present.' });
    });
    await server.ctx.docs.persistence.flush();
    const before = await everything(server.ctx.sql);
    const docsBefore = await documents(server.ctx.sql);
    expect(docsBefore.size).toBeGreaterThan(0);

    const file = path.join(tmp, 'copy.tar.gz');
    const env = { ...process.env, DATA_DIR: server.ctx.config.DATA_DIR, PORT: String(server.port), DATABASE_URL: '', LOG_LEVEL: 'silent' };
    const backup = await run(tsx, ['scripts/backup.ts', '--out', file], { env });
    expect(backup.stdout).toContain('Backup written');
    const made = await server.ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'backup.made' } });
    // Written after the copy: not in it.
    await server.ctx.db.site.update({ where: { code: 'WAIKATO' }, data: { name: 'Waikato (renamed after the backup)' } });

    const target = path.join(tmp, 'restored');
    const restore = await run(tsx, ['scripts/restore.ts', file], { env: { ...env, DATA_DIR: target, PORT: '1' } });
    expect(restore.stdout).toContain('Restored');
    restored = await openDbTarget({ pgliteDir: path.join(target, 'pglite') });
    const after = await everything(restored.sql);
    // The copy holds everything up to the backup's own audit row, which is written once the copy is made.
    const auditRows = (sql: Sql) => sql.query('SELECT count(*)::int AS n FROM "AuditEvent" WHERE seq < $1', [made.seq.toString()]);
    expect(await auditRows(restored.sql)).toEqual(await auditRows(server.ctx.sql));
    expect({ ...after, AuditEvent: '' }).toEqual({ ...before, AuditEvent: '' });
    expect(await documents(restored.sql)).toEqual(docsBefore);
    expect((await restored.sql.query(`SELECT name FROM "Site" WHERE code = 'WAIKATO'`))[0]?.name).toBe('Waikato');
  });

  it('refuses a request without the token', async () => {
    const csrf = { 'X-Requested-With': 'samroom' };
    const res = await fetch(`${server.url}/api/backup`, { method: 'POST', headers: csrf });
    expect(res.status).toBe(401);
    const forged = await fetch(`${server.url}/api/backup`, { method: 'POST', headers: { ...csrf, 'x-backup-token': `${Date.now()}.forged` } });
    expect(forged.status).toBe(401);
  });
});
