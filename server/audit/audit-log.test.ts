import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDb } from '../../tests/support/db.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { AuditKeyMismatch, AuditLog } from './audit-log.js';
import { CHAIN_START, keyedRowHash, legacyRowHash, type ChainedRow } from './chain-hash.js';
import { CheckpointFile } from './checkpoint-file.js';
import { verifyTrail } from './verify-trail.js';

const KEY = 'test-audit-key-0123456789-abcdefghijklmnop';
const OTHER_KEY = 'another-audit-key-0123456789-abcdefghijklm';
const LABEL = 'Aroha Te Whāiti-Ngātai (POLICE, CHAIR)';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-audit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A fresh database and checkpoint file for each test. */
function freshTrail() {
  const state = {} as { db: Db; close: () => Promise<void>; file: CheckpointFile; audit: AuditLog };
  beforeEach(async () => {
    ({ db: state.db, close: state.close } = await openMigratedDb());
    state.file = new CheckpointFile(path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`), KEY);
    state.audit = await AuditLog.open(state.db, KEY, state.file);
  });
  afterEach(() => state.close());
  return state;
}

const rowsOf = (db: Db) => db.auditEvent.findMany({ orderBy: { seq: 'asc' } });

/** What an insider with database access can do: edit a row and recompute the hashes after it (up to `until`). */
async function rechain(db: Db, from: bigint, hash: (row: ChainedRow) => string, until?: bigint): Promise<void> {
  let prevHash: string | undefined;
  for (const row of await rowsOf(db)) {
    if (until !== undefined && row.seq >= until) break;
    if (row.seq < from) {
      prevHash = row.hash;
      continue;
    }
    const relinked = { ...row, prevHash: prevHash ?? CHAIN_START };
    const newHash = hash(relinked);
    await db.auditEvent.update({ where: { seq: row.seq }, data: { prevHash: relinked.prevHash, hash: newHash } });
    prevHash = newHash;
  }
}

const record = (audit: AuditLog, n: number, action = 'test.event') =>
  Promise.all(Array.from({ length: n }, (_, i) => audit.record({ actorLabel: LABEL, action, details: { i, b: { z: 1, a: 2 } } })));

describe('the keyed hash chain', () => {
  const t = freshTrail();

  it('begins with a keyed start row, chains every row to the previous one, and verifies', async () => {
    await record(t.audit, 8);
    const rows = await rowsOf(t.db);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({ action: 'audit.keyed_chain_start', prevHash: CHAIN_START, details: { legacyRows: 0 } });
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await t.audit.verify()).toEqual({ ok: true, rows: 9, legacyRows: 0, checkpoints: 0 });
  });

  it('names the first row whose content was edited', async () => {
    await record(t.audit, 8);
    const victim = (await rowsOf(t.db))[3]!;
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: 'someone else' } });
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: victim.seq, reason: expect.stringContaining('content') });
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: victim.actorLabel } });
    expect((await t.audit.verify()).ok).toBe(true);
  });

  it('detects a deleted row at the row after it', async () => {
    await record(t.audit, 8);
    const rows = await rowsOf(t.db);
    await t.db.auditEvent.delete({ where: { seq: rows[5]!.seq } });
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: rows[6]!.seq, reason: expect.stringContaining('link') });
  });

  it('detects a forged row even when every later row was recomputed with sha256, as an insider without the key would', async () => {
    await record(t.audit, 8);
    const victim = (await rowsOf(t.db))[4]!;
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { details: { i: 99, forged: true } as Prisma.InputJsonObject } });
    await rechain(t.db, victim.seq, legacyRowHash);
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: victim.seq, reason: expect.stringContaining('keyed hash') });
  });

  it('serialises appends from several writers (as several processes) into one chain', async () => {
    const second = await AuditLog.open(t.db, KEY, t.file);
    await Promise.all([record(t.audit, 30, 'one.event'), record(second, 30, 'two.event')]);
    expect(await t.audit.verify()).toMatchObject({ ok: true, rows: 61 });
    expect(await t.db.auditEvent.count({ where: { action: 'audit.keyed_chain_start' } })).toBe(1);
  });

  it('appends a thousand events recorded at the same moment (a room opening its documents) without exhausting the connections', async () => {
    await record(t.audit, 1000, 'doc.open');
    expect(await t.audit.verify()).toMatchObject({ ok: true, rows: 1001 });
  });

  it('refuses to append with another key, and says the verifier has the wrong key', async () => {
    await expect(AuditLog.open(t.db, OTHER_KEY, t.file)).rejects.toThrow(AuditKeyMismatch);
    await expect(AuditLog.open(t.db, OTHER_KEY, t.file)).rejects.toThrow(/another AUDIT_KEY/);
    const other = await verifyTrail(t.db, OTHER_KEY, { checkpoints: [], bad: null });
    expect(other).toMatchObject({ ok: false, brokenAt: null, reason: expect.stringContaining('not the key') });
  });
});

describe('a hostile value in an audited event', () => {
  const t = freshTrail();

  it('is kept, made visible, instead of failing the write (and the chain still verifies)', async () => {
    await t.audit.record({
      actorLabel: LABEL, action: 'collab.refused', subjectType: 'Document', subjectId: 'meeting:\u0000abc',
      details: { reason: 'bad name \u0000', ['k\u0001']: 'x', lone: 'a\uD800b' },
    });
    const row = (await rowsOf(t.db)).at(-1)!;
    expect(row.subjectId).toBe('meeting:\\u0000abc');
    expect(row.details).toEqual({ reason: 'bad name \\u0000', 'k\\u0001': 'x', lone: 'a\uFFFDb' });
    expect((await t.audit.verify()).ok).toBe(true);
  });
});

describe('checkpoints outside the database', () => {
  const t = freshTrail();

  const checkpointNow = async () => {
    const head = await t.audit.head();
    await t.file.append(head!);
    return head!;
  };

  it('signs each line and matches every checkpoint against its row', async () => {
    await record(t.audit, 3);
    await checkpointNow();
    await record(t.audit, 3);
    await checkpointNow();
    const lines = (await readFile(t.file.path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(['at', 'headHash', 'mac', 'seq']);
    expect(await t.audit.verify()).toMatchObject({ ok: true, rows: 7, checkpoints: 2 });
  });

  it('detects the newest rows deleted after a checkpoint (truncation)', async () => {
    await record(t.audit, 6);
    const head = await checkpointNow();
    const rows = await rowsOf(t.db);
    await t.db.auditEvent.deleteMany({ where: { seq: { gte: rows[4]!.seq } } });
    expect(await t.audit.verify()).toMatchObject({
      ok: false, brokenAt: head.seq, reason: expect.stringMatching(new RegExp(`ends at seq=${rows[3]!.seq}.*seq=${head.seq}.*newest rows were deleted`)),
    });
  });

  it('detects the whole chain re-signed from an edited row by someone holding the key', async () => {
    await record(t.audit, 6);
    const head = await checkpointNow();
    const victim = (await rowsOf(t.db))[2]!;
    await t.db.auditEvent.update({ where: { seq: victim.seq }, data: { actorLabel: 'someone else' } });
    await rechain(t.db, victim.seq, (row) => keyedRowHash(KEY, row));
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: head.seq, reason: expect.stringContaining('differs from the checkpoint') });
  });

  it('names a checkpointed row that is gone though rows after it remain', async () => {
    await record(t.audit, 3);
    const checkpointed = await checkpointNow();
    await record(t.audit, 3);
    await t.db.auditEvent.delete({ where: { seq: checkpointed.seq } });
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: checkpointed.seq, reason: expect.stringContaining('missing') });
  });

  it('refuses a checkpoint line that was edited or forged', async () => {
    await record(t.audit, 3);
    await checkpointNow();
    const [line] = (await readFile(t.file.path, 'utf8')).trim().split('\n');
    const edited = { ...(JSON.parse(line!) as Record<string, string>), seq: '1' };
    await writeFile(t.file.path, `${line}\n${JSON.stringify(edited)}\n`);
    expect(await t.audit.verify()).toMatchObject({ ok: false, brokenAt: null, reason: expect.stringMatching(/line 2: not signed with this audit key/) });
  });
});

describe('a database written by an older version (unkeyed sha256 chain)', () => {
  let db: Db;
  let close: () => Promise<void>;
  let file: CheckpointFile;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb());
    file = new CheckpointFile(path.join(dir, 'legacy.jsonl'), KEY);
    // Rows as the old AuditLog wrote them.
    let prevHash = CHAIN_START;
    for (let i = 0; i < 4; i++) {
      const row: ChainedRow = {
        at: new Date(), actorId: null, actorLabel: LABEL, action: 'old.event', subjectType: null, subjectId: null, meetingId: null, details: { i }, prevHash,
      };
      prevHash = legacyRowHash(row);
      await db.auditEvent.create({ data: { ...row, details: { i }, hash: prevHash } });
    }
  });
  afterAll(() => close());

  it('is refused by the verifier until a server begins the keyed chain', async () => {
    expect(await verifyTrail(db, KEY, { checkpoints: [], bad: null })).toMatchObject({ ok: false, reason: expect.stringContaining('no keyed chain') });
  });

  it('continues with a keyed start row linked to the old rows, which verify as legacy', async () => {
    const audit = await AuditLog.open(db, KEY, file);
    await record(audit, 2);
    const rows = await rowsOf(db);
    expect(rows[4]).toMatchObject({ action: 'audit.keyed_chain_start', prevHash: rows[3]!.hash, details: { legacyRows: 4 } });
    expect(await audit.verify()).toEqual({ ok: true, rows: 7, legacyRows: 4, checkpoints: 0 });
  });

  it('detects an old row rewritten afterwards, even with the old chain recomputed', async () => {
    const audit = await AuditLog.open(db, KEY, file);
    const rows = await rowsOf(db);
    await db.auditEvent.update({ where: { seq: rows[1]!.seq }, data: { actorLabel: 'someone else' } });
    await rechain(db, rows[1]!.seq, legacyRowHash, rows[4]!.seq);
    // The keyed start row's link still names the old chain's true last hash, and can't be re-signed without the key.
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: rows[4]!.seq, reason: expect.stringContaining('link') });
  });
});
