import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/collab/persistence.js';
import { openDbTarget } from '../../server/db/adapter.js';
import { createLogger } from '../../server/logger.js';
import { getItem, listItems, meetingDocName, rationaleText } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { startRedis } from '../support/redis-process.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Browserish } from '../support/server.js';
import { inCi } from '../support/services.js';

describe('access ends on every process: a logout handled by one closes the connections another holds', () => {
  let testDb: TestDatabase;
  let redis: Awaited<ReturnType<typeof startRedis>> | null = null;
  let redisPort: number;
  const servers: ServerProcess[] = [];
  const dirs: string[] = [];
  const open: (ControlClient | CollabClient)[] = [];
  let meetingId: string;
  let docName: string;
  let skip = false;
  const env = { SESSION_SECRET: randomBytes(32).toString('base64url'), AUDIT_KEY: randomBytes(32).toString('base64url') };

  const [A, B] = [0, 1];
  const url = (i: number) => servers[i]!.url;

  /** Signs in on process A; the document and control connections go to process B. */
  async function onB(who: string) {
    const browser = new Browserish(url(A));
    expect((await browser.login(`${who}@demo.test`)).status).toBe(200);
    await browser.acknowledge(meetingId);
    const token = sessionToken(browser);
    const d = connectDoc(url(B), docName, token);
    const c = connectControl(url(B), meetingId, token);
    open.push(d, c);
    await synced(d);
    expect(await handshakeOutcome(c)).toBe('connected');
    return { browser, d, c, itemId: listItems(d.doc)[0]!.id };
  }

  async function storedText(itemId: string): Promise<string> {
    const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: '' });
    const stored = new Y.Doc();
    const state = await new DocPersistence(target.sql, createLogger('silent')).load(docName);
    if (state) Y.applyUpdate(stored, state);
    await target.close();
    return rationaleText(getItem(stored, itemId)!).toString();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    if (testDb.kind !== 'postgres') {
      console.warn('SKIPPED: several processes need PostgreSQL (the embedded database serves one process).');
      skip = true;
      return;
    }
    redisPort = await freePort();
    redis = await startRedis(redisPort).catch((err: Error) => {
      if (inCi) throw err;
      console.warn(`SKIPPED: ${err.message}`);
      skip = true;
      return null;
    });
    if (skip) return;
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(path.join(os.tmpdir(), `samroom-access-${i}-`)));
    // The first start migrates and seeds; the second then joins it.
    for (let i = 0; i < 2; i++) {
      servers.push(await startServerProcess({ port: await freePort(), dataDir: dirs[i]!, databaseUrl: testDb.url, env: { ...env, REDIS_URL: redis!.url } }));
    }
    const chair = new Browserish(url(A));
    await chair.login('chair@demo.test');
    meetingId = (await (await chair.request('GET', '/api/meetings')).json()).find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    docName = meetingDocName(meetingId);
  }, 180_000);

  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    for (const s of servers) await s.stop('SIGKILL');
    await redis?.stop();
    await testDb?.drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('logout on process A closes the document and control connections on process B within a second', async () => {
    if (skip) return;
    const police = await onB('police');
    const controlClosed = new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('the control socket on B stayed connected')), 5000);
      police.c.socket.once('disconnect', () => {
        clearTimeout(timeout);
        resolve(Date.now());
      });
    });
    const t0 = Date.now();
    expect((await police.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await controlClosed) - t0).toBeLessThan(1000);
    expect(police.c.last('access:ended')).toEqual({ reason: 'You signed out' });
    await waitFor(() => !police.d.provider.wsconnected, 'the document connection on B to close', 1000 - (Date.now() - t0));

    rationaleText(getItem(police.d.doc, police.itemId)!).insert(0, 'AFTER LOGOUT ON A ');
    await new Promise((r) => setTimeout(r, 800));
    expect(await storedText(police.itemId)).not.toContain('AFTER LOGOUT ON A');
  });

  it('a logout while Redis is down still closes process B’s connections once the bus is back', async () => {
    if (skip) return;
    const ot = await onB('ot');
    await redis!.stop();
    expect((await ot.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    // Long enough for A's publication to fail for good: B never hears of this logout.
    await new Promise((r) => setTimeout(r, 1500));
    expect(ot.c.socket.connected).toBe(true);
    redis = await startRedis(redisPort);
    await waitFor(() => !ot.c.socket.connected && !ot.d.provider.wsconnected, 'B to close the connections after the bus returned', 15_000);
    expect(ot.c.last('access:ended')).toBeDefined();
  });
});
