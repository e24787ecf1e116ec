import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/collab/persistence.js';
import { openDbTarget } from '../../server/db/adapter.js';
import { createLogger } from '../../server/logger.js';
import { getItem, listItems, meetingDocName, meetingSnapshot, rationaleText } from '../../shared/meeting-doc/index.js';
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
    meetingId = meetings.find((m: { status: string }) => m.status === 'PREP').id;
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
  it('SIGKILL while 5 clients type: they reconnect on their own and every character is everywhere, including the database', { timeout: 90_000 }, async ({ skip }) => {
    // The embedded database cannot be shared with a second process, so this needs PostgreSQL.
    if (testDb.kind !== 'postgres') skip();
    const docName = meetingDocName(meetingId);
    const clients: CollabClient[] = tokens.map((t) => connectDoc(server!.url, docName, t, { maxBackoffTime: 300 }));
    await Promise.all(clients.map((c) => synced(c)));
    const itemId = listItems(clients[0]!.doc)[0]!.id;
    const typed: string[][] = clients.map(() => []);
    let n = 0;
    const type = () =>
      clients.forEach((c, i) => {
        const token = `<${i}:${n}>`;
        const text = rationaleText(getItem(c.doc, itemId)!);
        text.insert(text.length, token);
        typed[i]!.push(token);
      });
    const typing = setInterval(() => {
      n += 1;
      type();
    }, 15);

    await new Promise((r) => setTimeout(r, 600));
    await server!.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 400)); // typing on, offline
    server = await startServerProcess({ port, dataDir, databaseUrl: testDb.url });
    await waitFor(() => clients.every((c) => c.provider.wsconnected), 'every client to reconnect by itself', 45_000).catch((err: Error) => {
      const states = clients.map((c, i) => `client ${i}: ${c.provider.wsconnected ? 'connected' : 'not connected'}`).join(', ');
      throw new Error(`${err.message} (${states})\nserver output:\n${server!.output()}`);
    });
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(typing);

    const text = (c: CollabClient) => rationaleText(getItem(c.doc, itemId)!).toString();
    await waitFor(() => clients.every((c) => text(c) === text(clients[0]!)), 'the clients to converge', 20_000);
    const final = text(clients[0]!);
    for (const tokensOfClient of typed) for (const token of tokensOfClient) expect(final).toContain(token);
    expect(n).toBeGreaterThan(50);

    await new Promise((r) => setTimeout(r, 300)); // the server stores within ~50 ms
    const stored = (await storedSnapshot(docName)).find((i) => i.id === itemId)!;
    expect(stored.rationale).toBe(final);
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
