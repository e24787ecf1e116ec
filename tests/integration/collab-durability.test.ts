import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/collab/persistence.js';
import { openDbTarget } from '../../server/db/adapter.js';
import { createLogger } from '../../server/logger.js';
import { dissentText, getItem, LIMITS, listItems, meetingDocName, meetingSnapshot, rationaleText } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Browserish } from '../support/server.js';

describe('nothing typed is lost', () => {
  let testDb: TestDatabase;
  let dataDir: string;
  let port: number;
  let server: ServerProcess | undefined;
  let meetingId: string;
  const tokens: string[] = [];

  /** The document exactly as the database holds it, read without any server. */
  async function storedSnapshot(docName: string) {
    const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const doc = new Y.Doc();
      const state = await new DocPersistence(target.sql, createLogger('silent')).load(docName);
      if (state) Y.applyUpdate(doc, state);
      return meetingSnapshot(doc);
    } finally {
      await target.close();
    }
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-durability-'));
    port = await freePort();
    server = await startServerProcess({ port, dataDir, databaseUrl: testDb.url });
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meetings = await (await chair.request('GET', '/api/meetings')).json();
    meetingId = meetings.find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    for (const who of ['chair', 'police', 'ot', 'health', 'corrections']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      await b.acknowledge(meetingId);
      tokens.push(sessionToken(b));
    }
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await testDb?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  // A process start (tsx, migrations, seeding check) takes seconds more on a busy 2-core machine.
  it('SIGKILL while 5 clients type: they reconnect on their own and every character is everywhere, including the database', { timeout: 120_000 }, async ({ skip }) => {
    // The embedded database cannot be shared with a second process, so this needs PostgreSQL.
    if (testDb.kind !== 'postgres') skip();
    const docName = meetingDocName(meetingId);
    const clients: CollabClient[] = tokens.map((t) => connectDoc(server!.url, docName, t, { maxBackoffTime: 300 }));
    await Promise.all(clients.map((c) => synced(c)));
    // A field holds only so much (LIMITS): the server cuts what merges past it, by position, so
    // typing on for as long as a restart takes must move on to the next field before it would
    // overflow. Offline, each client sees only its own typing: the budget counts everyone's.
    const fields = listItems(clients[0]!.doc).flatMap((item) => [
      { itemId: item.id, key: 'rationale' as const, read: rationaleText, limit: LIMITS.rationale },
      { itemId: item.id, key: 'dissent' as const, read: dissentText, limit: LIMITS.dissent },
    ]);
    const fieldText = (c: CollabClient, f: (typeof fields)[number]) => f.read(getItem(c.doc, f.itemId)!);
    const typed = fields.map(() => clients.map((): string[] => []));
    let field = 0;
    let used = 0;
    let n = 0;
    const type = () => {
      n += 1;
      const round = clients.map((_, i) => `<${i}:${n} Hēmi kōrero>`);
      const size = round.join('').length;
      if (used + size > fields[field]!.limit) [field, used] = [field + 1, 0];
      // Every field full: typing stops rather than overflow one.
      if (field === fields.length) return;
      used += size;
      clients.forEach((c, i) => {
        const text = fieldText(c, fields[field]!);
        text.insert(text.length, round[i]!);
        typed[field]![i]!.push(round[i]!);
      });
    };
    const typing = setInterval(type, 15);

    await new Promise((r) => setTimeout(r, 600));
    await server!.stop('SIGKILL');
    // Offline, the clients type more than one field holds, as they do anyway while a loaded machine restarts slowly.
    await waitFor(() => field > 0, 'more typed offline than one field holds', 60_000);
    server = await startServerProcess({ port, dataDir, databaseUrl: testDb.url });
    await waitFor(() => clients.every((c) => c.provider.wsconnected), 'every client to reconnect by itself', 45_000).catch((err: Error) => {
      const states = clients.map((c, i) => `client ${i}: ${c.provider.wsconnected ? 'connected' : 'not connected'}`).join(', ');
      throw new Error(`${err.message} (${states})\nserver output:\n${server!.output()}`);
    });
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(typing);

    const touched = fields.slice(0, field + 1);
    const texts = (c: CollabClient) => touched.map((f) => fieldText(c, f).toString());
    await waitFor(() => clients.every((c) => texts(c).join() === texts(clients[0]!).join()), 'the clients to converge', 20_000);
    const final = texts(clients[0]!);
    touched.forEach((_, f) => {
      for (const tokensOfClient of typed[f]!) for (const token of tokensOfClient) expect(final[f]).toContain(token);
    });
    expect(n).toBeGreaterThan(50);

    await new Promise((r) => setTimeout(r, 300)); // the server stores within ~50 ms
    const stored = await storedSnapshot(docName);
    expect(touched.map((f) => stored.find((s) => s.id === f.itemId)![f.key])).toEqual(final);
    for (const c of clients) c.destroy();
  });

  it('a restart with no clients connected loads the stored state exactly', async () => {
    const docName = meetingDocName(meetingId);
    const writer = connectDoc(server!.url, docName, tokens[1]!);
    await synced(writer);
    const item = listItems(writer.doc)[3]!;
    rationaleText(item).insert(0, 'Whānau Ora navigator Hēmi Te Āwhitu-O\'Brien to visit; ');
    const expected = meetingSnapshot(writer.doc);
    await new Promise((r) => setTimeout(r, 300));
    writer.destroy();

    await server!.stop('SIGTERM');
    expect(await storedSnapshot(docName)).toEqual(expected);
    server = await startServerProcess({ port, dataDir, databaseUrl: testDb.url });
    const reader = connectDoc(server.url, docName, tokens[2]!);
    await synced(reader);
    expect(meetingSnapshot(reader.doc)).toEqual(expected);
    reader.destroy();
  });
});
