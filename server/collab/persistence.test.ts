import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openMigratedDb } from '../../tests/support/db.js';
import type { Db } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import { createLogger } from '../logger.js';
import { DocPersistence, SERVER_WRITER } from './persistence.js';

describe('document persistence', () => {
  let db: Db;
  let sql: Sql;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openMigratedDb();
    ({ db, close } = opened);
    sql = opened.target.sql;
  });
  afterAll(() => close());

  /** Another process's transaction: takes a document's lock (and may write a row), then holds it until released. */
  function holdDocument(lock: 'shared' | 'exclusive', doc: string, write?: Uint8Array) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const done = sql.transaction(async (query) => {
      await query(`SELECT ${lock === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext($1))`, [`doc:${doc}`]);
      if (write) await query('INSERT INTO "DocUpdate" (doc, bytes) VALUES ($1, $2)', [doc, write]);
      holding();
      await released;
    });
    return { held, release, done };
  }

  function recordUpdates(doc: Y.Doc, persistence: DocPersistence, name: string) {
    doc.on('update', (update: Uint8Array) => persistence.append(name, update, SERVER_WRITER));
  }

  it('stores each update in order within one flush, and loads them back', async () => {
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 1_000_000);
    const doc = new Y.Doc();
    recordUpdates(doc, persistence, 'meeting:a');
    for (let i = 0; i < 30; i++) doc.getText('t').insert(i, String(i % 10));
    await persistence.flush();
    expect(await db.docUpdate.count({ where: { doc: 'meeting:a' } })).toBe(30);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await persistence.load('meeting:a'))!);
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(await persistence.load('meeting:none')).toBeNull();
  });

  it('compacts into a snapshot, keeps every update as history, and loads snapshot plus later updates', async () => {
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 10);
    const doc = new Y.Doc();
    recordUpdates(doc, persistence, 'meeting:b');
    for (let i = 0; i < 25; i++) {
      doc.getText('t').insert(0, 'ā');
      if (i % 5 === 4) await persistence.flush();
    }
    await persistence.flush();
    await persistence.compact('meeting:b');
    doc.getText('t').insert(0, 'after ');
    await persistence.flush();

    const snapshot = await db.docSnapshot.findUnique({ where: { doc: 'meeting:b' } });
    expect(snapshot).not.toBeNull();
    expect(await db.docUpdate.count({ where: { doc: 'meeting:b' } })).toBe(26);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await persistence.load('meeting:b'))!);
    expect(loaded.getText('t').toString()).toBe(`after ${'ā'.repeat(25)}`);
  });

  it('writes from two persistence instances (two processes) never overwrite each other', async () => {
    const [p1, p2] = [new DocPersistence(sql, createLogger('silent'), 15, 3), new DocPersistence(sql, createLogger('silent'), 15, 3)];
    const [d1, d2] = [new Y.Doc(), new Y.Doc()];
    recordUpdates(d1, p1, 'meeting:c');
    recordUpdates(d2, p2, 'meeting:c');
    for (let i = 0; i < 10; i++) {
      d1.getMap('m').set(`one-${i}`, i);
      d2.getMap('m').set(`two-${i}`, i);
      await Promise.all([p1.flush(), p2.flush()]);
    }
    await Promise.all([p1.compact('meeting:c'), p2.compact('meeting:c')]);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await p1.load('meeting:c'))!);
    expect(loaded.getMap('m').size).toBe(20);
  });

  it('compaction never skips an update whose writer drew its seq but had not committed yet', async () => {
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 1_000_000);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'a');
    doc.getText('t').insert(1, 'b');
    // Another process mid-write: its row has a seq, its transaction has not committed.
    const slowWriter = holdDocument('shared', 'meeting:d', updates[0]);
    await slowWriter.held;
    // A later update commits first, then compaction runs while the first is still uncommitted.
    const stored = persistence.append('meeting:d', updates[1]!, SERVER_WRITER);
    const compacted = stored.then(() => persistence.compact('meeting:d'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    slowWriter.release();
    await Promise.all([slowWriter.done, compacted]);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await persistence.load('meeting:d'))!);
    expect(loaded.getText('t').toString()).toBe('ab');
  });

  it('a write waits while a compaction holds the document, so it cannot draw a seq the snapshot skips', async () => {
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 1_000_000);
    const doc = new Y.Doc();
    let update!: Uint8Array;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getText('t').insert(0, 'ā');
    const compaction = holdDocument('exclusive', 'meeting:e');
    await compaction.held;
    let stored = false;
    const write = persistence.append('meeting:e', update, SERVER_WRITER).then(() => (stored = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stored).toBe(false);
    compaction.release();
    await Promise.all([compaction.done, write]);
    expect(stored).toBe(true);
  });

  it('at shutdown retries a failed write instead of leaving the edit to a timer that never runs', async () => {
    let failures = 1;
    const flaky: Sql = {
      ...sql,
      query: (text, params) => (text.startsWith('INSERT') && failures-- > 0 ? Promise.reject(new Error('connection reset')) : sql.query(text, params)),
    };
    const persistence = new DocPersistence(flaky, createLogger('silent'), 60_000, 1_000_000);
    const doc = new Y.Doc();
    recordUpdates(doc, persistence, 'meeting:g');
    doc.getText('t').insert(0, 'kept');
    expect(await persistence.drain(3, 10)).toBe(true);
    expect(await db.docUpdate.count({ where: { doc: 'meeting:g' } })).toBe(1);
  });

  it('stores each row of a batch mixing documents and writers with its own document and writer', async () => {
    const site = await db.site.create({ data: { code: 'persist-mix', name: 'Persistence test site' } });
    const agency = await db.agency.create({ data: { code: 'PERSIST_MIX', name: 'Persistence test agency', kind: 'OTHER' } });
    const [ana, ben] = await Promise.all(['ana', 'ben'].map((name) => db.user.create({
      data: { email: `${name}@persist-mix.test`, displayName: name, role: 'REP', agencyId: agency.id, siteId: site.id },
    })));
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 1_000_000);
    const writers = [ana!.id, ben!.id, null, ana!.id, null, ben!.id];
    const docs = ['meeting:mix-1', 'meeting:mix-2', 'meeting:mix-1', 'meeting:mix-2', 'meeting:mix-2', 'meeting:mix-1'];
    await Promise.all(writers.map((userId, i) => persistence.append(docs[i]!, new Uint8Array([i]), { participantId: null, userId })));
    const rows = await db.docUpdate.findMany({ where: { doc: { in: ['meeting:mix-1', 'meeting:mix-2'] } }, orderBy: { seq: 'asc' }, select: { doc: true, bytes: true, userId: true, participantId: true } });
    expect(rows.map((r) => ({ ...r, bytes: [...r.bytes] }))).toEqual(writers.map((userId, i) => ({ doc: docs[i], bytes: [i], userId, participantId: null })));
  });

  it('stores an edit whose writer has since been deleted, without a name, and goes on storing the rest', async () => {
    const persistence = new DocPersistence(sql, createLogger('silent'), 15, 1_000_000);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'a');
    doc.getText('t').insert(1, 'b');
    const gone = { participantId: '00000000-0000-4000-8000-00000000dead', userId: '00000000-0000-4000-8000-00000000beef' };
    const stored = Promise.all([persistence.append('meeting:f', updates[0]!, gone), persistence.append('meeting:f', updates[1]!, SERVER_WRITER)]);
    const timedOut = new Promise((resolve) => setTimeout(() => resolve('still retrying'), 3_000));
    expect(await Promise.race([stored.then(() => 'stored'), timedOut])).toBe('stored');
    const rows = await db.docUpdate.findMany({ where: { doc: 'meeting:f' }, select: { participantId: true, userId: true } });
    expect(rows).toEqual([{ participantId: null, userId: null }, { participantId: null, userId: null }]);
  });
});
