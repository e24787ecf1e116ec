import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/collab/persistence.js';
import { openDbTarget } from '../../server/db/adapter.js';
import { createPrismaClient } from '../../server/db/client.js';
import { createLogger } from '../../server/logger.js';
import {
  getItem, getItems, itemSnapshot, listItems, meetingDocName, meetingSnapshot, rationaleText, setFields,
} from '../../shared/meeting-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { auditVerify } from '../support/audit-cli.js';
import { importFixture } from '../fixtures/import/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { startRedis } from '../support/redis-process.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Browserish } from '../support/server.js';
import { requireService, TEST_DATABASE_URL } from '../support/services.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { requireCommands } from '../support/tools.js';

// Several processes need PostgreSQL (the embedded database serves one process) and a Redis of the
// test's own, to stop and start again. Outside CI, without them, the tests are reported as skipped.
const servicesHere = (await requireService('PostgreSQL', TEST_DATABASE_URL, 5432)) && (await requireCommands('redis-server'));

/** Waits until the condition has held for `steadyMs` without a break: what it settled on, not a passing state. */
async function waitForSteady(condition: () => boolean, what: string, steadyMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let since: number | null = null;
  for (;;) {
    const now = Date.now();
    since = condition() ? (since ?? now) : null;
    if (since !== null && now - since >= steadyMs) return;
    if (now > deadline) throw new Error(`timed out waiting for ${what} to hold for ${steadyMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!servicesHere)('several server processes on Redis and PostgreSQL', () => {
  let testDb: TestDatabase;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let redisPort: number;
  const servers: (ServerProcess | null)[] = [];
  const ports: number[] = [];
  const dirs: string[] = [];
  const tokens: Record<string, string> = {};
  const browsers: Record<string, Browserish> = {};
  const cleanup: (() => void)[] = [];
  let meetingId: string;
  let siteId: string;
  let docName: string;
  // Processes with DATA_DIRs of their own share the session secret and the audit key through the environment.
  const env = { SESSION_SECRET: randomBytes(32).toString('base64url'), AUDIT_KEY: randomBytes(32).toString('base64url') };

  const start = async (i: number) => {
    servers[i] = await startServerProcess({ port: ports[i]!, dataDir: dirs[i]!, databaseUrl: testDb.url, env: { ...env, REDIS_URL: redis.url } });
  };
  const doc = (i: number, who: string, name = docName) => {
    const c = connectDoc(`http://127.0.0.1:${ports[i]}`, name, tokens[who]!);
    cleanup.push(() => c.destroy());
    return c;
  };
  const control = (i: number, who: string) => {
    const c = connectControl(`http://127.0.0.1:${ports[i]}`, meetingId, tokens[who]);
    cleanup.push(() => c.close());
    return c;
  };
  async function stored(): Promise<Y.Doc> {
    const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: '' });
    const d = new Y.Doc();
    const state = await new DocPersistence(target.sql, createLogger('silent')).load(docName);
    if (state) Y.applyUpdate(d, state);
    await target.close();
    return d;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    for (let i = 0; i < 3; i++) {
      ports.push(await freePort());
      dirs.push(await mkdtemp(path.join(os.tmpdir(), `samroom-cluster-${i}-`)));
    }
    // The first start migrates and seeds; the others then start together.
    await start(0);
    await Promise.all([start(1), start(2)]);
    const chair = new Browserish(servers[1]!.url);
    await chair.login('chair@demo.test');
    ({ id: meetingId, siteId } = (await (await chair.request('GET', '/api/meetings')).json()).find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM'));
    for (const who of ['chair', 'police', 'ot', 'health', 'msd', 'iwi']) {
      const b = new Browserish(servers[0]!.url);
      await b.login(`${who}@demo.test`);
      await b.acknowledge(meetingId);
      tokens[who] = sessionToken(b);
      browsers[who] = b;
    }
    docName = meetingDocName(meetingId);
  }, 180_000);

  afterAll(async () => {
    for (const c of cleanup) c();
    for (const s of servers) await s?.stop('SIGKILL');
    await redis?.stop();
    await testDb?.drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('health says the bus is Redis', async () => {
    for (const s of servers) expect(await (await fetch(`${s!.url}/api/health`)).json()).toMatchObject({ ok: true, db: 'postgres', bus: 'redis', busConnected: true });
  });

  it('clients of one meeting spread across three processes edit concurrently; all converge and the database holds the same', async () => {
    const clients = ['police', 'ot', 'health', 'msd', 'iwi', 'chair'].map((who, i) => doc(i % 3, who));
    await Promise.all(clients.map((c) => synced(c)));
    const [x, y] = listItems(clients[0]!.doc).map((i) => i.id);
    for (let round = 0; round < 5; round++) {
      clients.forEach((c, i) => {
        const text = rationaleText(getItem(c.doc, x!)!);
        text.insert(round % 2 ? text.length : 0, `[${i}.${round}]`);
      });
      setFields(getItem(clients[round]!.doc, y!)!, { riskLevel: (['LOW', 'MEDIUM', 'HIGH'] as const)[round % 3]! });
      await new Promise((r) => setTimeout(r, 20));
    }
    const same = () => clients.every((c) => JSON.stringify(meetingSnapshot(c.doc)) === JSON.stringify(meetingSnapshot(clients[0]!.doc)));
    await waitFor(same, 'six clients on three processes to converge');
    const text = rationaleText(getItem(clients[0]!.doc, x!)!).toString();
    for (let i = 0; i < 6; i++) for (let r = 0; r < 5; r++) expect(text).toContain(`[${i}.${r}]`);
    await waitFor(async () => JSON.stringify(meetingSnapshot(await stored())) === JSON.stringify(meetingSnapshot(clients[0]!.doc)), 'the database to hold the same');
  });

  it('roster and focus reach participants on every process', async () => {
    const chair = control(0, 'chair');
    const a = control(1, 'police');
    const b = control(2, 'ot');
    await Promise.all([chair.outcome, a.outcome, b.outcome]);
    await waitFor(() => (a.last('roster')?.participants.length ?? 0) >= 3, 'a roster spanning processes');
    const chairDoc = doc(0, 'chair');
    await synced(chairDoc);
    const itemId = listItems(chairDoc.doc)[3]!.id;
    expect(await chair.send('focus:set', { itemId })).toEqual({ ok: true });
    await waitFor(() => a.last('focus')?.itemId === itemId && b.last('focus')?.itemId === itemId, 'focus on the other processes');
  });

  it('episodes imported on a process that does not hold the meeting reach the clients of every process that does, under their authority', async () => {
    // A meeting of its own, so only the processes its clients connect to hold its document.
    const created = await browsers.chair!.request('POST', '/api/meetings', { siteId, date: '2031-03-03', kind: 'DAILY_SAM' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const who of ['police', 'ot']) await browsers[who]!.acknowledge(id);
    const [onFirst, onThird] = [doc(0, 'police', meetingDocName(id)), doc(2, 'ot', meetingDocName(id))];
    await Promise.all([synced(onFirst), synced(onThird)]);
    const before = new Set(listItems(onFirst.doc).map((i) => i.id));

    const res = await fetch(`${servers[1]!.url}/api/meetings/${id}/episodes/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-requested-with': 'samroom', cookie: browsers.chair!.sessionCookie },
      body: importFixture('good.csv'),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ items: { created: 3 } });
    const imported = (c: CollabClient) => listItems(c.doc).filter((i) => !before.has(i.id));
    await waitFor(() => imported(onFirst).length === 3 && imported(onThird).length === 3, 'the imported items on both processes');
    expect(imported(onThird).map((i) => itemSnapshot(i).familyRef).sort()).toEqual(imported(onFirst).map((i) => itemSnapshot(i).familyRef).sort());

    // Each holding process's authority knows the new items' records: an imported item a client
    // deletes comes back from them.
    for (const client of [onThird, onFirst]) {
      const itemId = imported(client)[0]!.id;
      getItems(client.doc).delete(itemId);
      await waitFor(() => !!getItem(onFirst.doc, itemId) && !!getItem(onThird.doc, itemId), 'the deleted item restored from the records');
    }
  });

  it('two processes finalizing the same item at once write exactly one decision version', async () => {
    const chairA = control(0, 'chair');
    const chairB = control(1, 'chair');
    await Promise.all([chairA.outcome, chairB.outcome]);
    expect(await chairA.send('meeting:start', {})).toMatchObject({ ok: true });
    const editor = doc(2, 'chair');
    await synced(editor);
    const item = listItems(editor.doc)[5]!;
    setFields(item, { riskLevel: recordedBand(itemSnapshot(item)) ?? 'LOW', pathway: 'NO_FURTHER_ACTION' });
    await new Promise((r) => setTimeout(r, 300));
    const [r1, r2] = await Promise.all([chairA.send('item:finalize', { itemId: item.id }), chairB.send('item:finalize', { itemId: item.id })]);
    expect([r1, r2].every((r) => r.ok)).toBe(true);
    expect([r1, r2].map((r) => (r as unknown as { created: boolean }).created).sort()).toEqual([false, true]);
    const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: '' });
    const db = createPrismaClient(target);
    expect(await db.decision.count({ where: { agendaItemId: item.id } })).toBe(1);
    await db.$disconnect();
    await target.close();
  });

  it('SIGKILL one process mid-meeting: its clients reconnect to another and every edit survives', async () => {
    const alive = new Set([0, 1, 2]);
    const proxy = await startTcpProxy(() => [...alive].map((i) => ports[i]!));
    cleanup.push(() => void proxy.close());
    const clients: CollabClient[] = ['police', 'ot', 'health', 'msd', 'iwi'].map((who) => {
      const c = connectDoc(`http://127.0.0.1:${proxy.port}`, docName, tokens[who]!, { maxBackoffTime: 300 });
      cleanup.push(() => c.destroy());
      return c;
    });
    await Promise.all(clients.map((c) => synced(c)));
    const itemId = listItems(clients[0]!.doc)[7]!.id;
    const typed: string[] = [];
    let n = 0;
    const typing = setInterval(() => {
      n += 1;
      clients.forEach((c, i) => {
        const t = rationaleText(getItem(c.doc, itemId)!);
        const token = `<${i}:${n}>`;
        t.insert(t.length, token);
        typed.push(token);
      });
    }, 20);
    await new Promise((r) => setTimeout(r, 500));
    alive.delete(1);
    await servers[1]!.stop('SIGKILL');
    servers[1] = null;
    await new Promise((r) => setTimeout(r, 800));
    clearInterval(typing);
    const text = (c: CollabClient) => rationaleText(getItem(c.doc, itemId)!).toString();
    await waitFor(() => clients.every((c) => c.provider.wsconnected && text(c) === text(clients[0]!)), 'clients to converge on the survivors', 20_000);
    for (const token of typed) expect(text(clients[0]!)).toContain(token);
    await waitFor(async () => rationaleText(getItem(await stored(), itemId)!).toString() === text(clients[0]!), 'every edit stored', 10_000);
  });

  it('three processes appending at once wrote one intact keyed audit trail, matching each process\'s checkpoints', async () => {
    for (const dir of dirs) {
      const cli = await auditVerify(testDb.url!, dir, { AUDIT_KEY: env.AUDIT_KEY });
      expect(cli.output).toMatch(/^Audit trail intact: \d+ rows verified \(0 of them unkeyed.*\), [1-9]\d* checkpoints/);
      expect(cli.code).toBe(0);
    }
  });

  it('Redis restarting mid-meeting loses no edit, and presence and focus recover', { timeout: 120_000 }, async () => {
    const [c0, c2] = [doc(0, 'police'), doc(2, 'ot')];
    await Promise.all([synced(c0), synced(c2)]);
    const chair = control(0, 'chair');
    const watcher = control(2, 'health');
    await Promise.all([chair.outcome, watcher.outcome]);
    const [itemId, focusTarget] = listItems(c0.doc).slice(8, 10).map((i) => i.id);

    await redis.stop();
    await waitFor(async () => (await (await fetch(`${servers[0]!.url}/api/health`)).json()).busConnected === false, 'health to report the bus down');
    rationaleText(getItem(c0.doc, itemId!)!).insert(0, 'typed on process 0 while Redis was away; ');
    rationaleText(getItem(c2.doc, itemId!)!).insert(0, 'typed on process 2 while Redis was away; ');
    expect(await chair.send('focus:set', { itemId: focusTarget })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 300));

    redis = await startRedis(redisPort);
    const text = (c: CollabClient) => rationaleText(getItem(c.doc, itemId!)!).toString();
    await waitFor(() => text(c0) === text(c2) && text(c0).includes('process 0') && text(c0).includes('process 2'), 'both processes to resynchronise', 30_000);
    await waitFor(() => watcher.last('focus')?.itemId === focusTarget, 'the focus set during the outage to reach the other process', 30_000);
    // Each process's Redis connections come back on their own backoff, so a roster counted early may
    // miss another process: the roster must settle on one that spans both (the chair on process 0,
    // the watcher from Health on process 2).
    const spans = () => {
      const participants = watcher.last('roster')?.participants ?? [];
      return participants.some((p) => p.role === 'CHAIR') && participants.some((p) => p.agency.code === 'HEALTH');
    };
    await waitForSteady(spans, 'the roster to span processes again', 4000, 30_000);
  });
});
