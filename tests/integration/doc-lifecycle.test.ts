import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemSnapshot, listItems, meetingDocName, prepDocName, setFields, setPrepEntry } from '../../shared/meeting-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { channelOf } from '../../server/collab/fanout.js';
import { importFixture } from '../fixtures/import/index.js';
import { connectDoc, sessionToken, synced, waitFor } from '../support/collab-client.js';
import { connectControl, type ControlClient } from '../support/control-client.js';
import { startRedis } from '../support/redis-process.js';
import { freePort } from '../support/server-process.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireCommands } from '../support/tools.js';

// A Redis of the test's own: a loaded document is subscribed to its channel there, so the
// subscription shows from outside whether the server holds the document.
const redisHere = await requireCommands('redis-server');
const UNLOAD_DELAY_MS = 2500;

describe.skipIf(!redisHere)('documents the server opens for its own use unload afterwards', () => {
  let redisPort: number;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let observer: Redis;
  let server: TestServer;
  let meetingId: string;
  let meetingDoc: string;
  let chair: ControlClient;
  const browsers: Record<string, Browserish> = {};

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    observer = new Redis(redis.url);
    observer.on('error', () => {}); // it reconnects on its own when the last test restarts Redis
    server = await startTestServer({ REDIS_URL: redis.url, DOC_UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS) });
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM' } })).id;
    meetingDoc = meetingDocName(meetingId);
    for (const who of ['chair', 'police']) {
      browsers[who] = new Browserish(server.url);
      await browsers[who].login(`${who}@demo.test`);
      await browsers[who].acknowledge(meetingId);
    }
    chair = connectControl(server.url, meetingId, sessionToken(browsers.chair!));
    expect(await chair.outcome).toBe('connected');
  });
  afterAll(async () => {
    chair?.close();
    await server?.stop();
    observer?.disconnect();
    await redis?.stop();
  });

  const subscribers = async (channel: string) => Number(((await observer.pubsub('NUMSUB', channel)) as [string, number])[1]);
  const subscribed = async (docName: string) => (await subscribers(channelOf(docName))) > 0;
  const unloaded = (docName: string) => waitFor(async () => !(await subscribed(docName)), `${docName} to unload`, UNLOAD_DELAY_MS + 10_000);

  /** Nothing holds the documents; `use` makes the server open them; afterwards they unload on their own. */
  async function openedThenUnloaded(docNames: string[], use: () => Promise<void>): Promise<void> {
    for (const name of docNames) expect(await subscribed(name)).toBe(false);
    await use();
    for (const name of docNames) expect(await subscribed(name), `${name} loaded for the server-side use`).toBe(true);
    for (const name of docNames) await unloaded(name);
  }

  it('a websocket upgrade abandoned while its document loads', async () => {
    expect(await subscribed(meetingDoc)).toBe(false);
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.end([
      `GET /collab/${meetingDoc}?token=${sessionToken(browsers.police!)} HTTP/1.1`, `Host: 127.0.0.1:${port}`,
      'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', '', '',
    ].join('\r\n'));
    socket.destroy();
    await waitFor(() => subscribed(meetingDoc), 'the server to load the document for the upgrade');
    await unloaded(meetingDoc);
  });

  it('an import into a meeting nobody has open', async () => {
    await openedThenUnloaded([meetingDoc], async () => {
      const res = await fetch(`${server.url}/api/meetings/${meetingId}/episodes/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'x-requested-with': 'samroom', cookie: browsers.chair!.sessionCookie },
        body: importFixture('good.csv'),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({ items: { created: 3 } });
    });
  });

  it('starting the meeting, which carries families over', async () => {
    // A family of the site, not on the list, with an action still open: starting brings it on.
    const { db } = server.ctx;
    const { siteId } = await db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const family = await db.case.create({ data: { siteId, reference: 'LIFECYCLE-CARRIED-1' } });
    const agency = await db.agency.findFirstOrThrow({ where: { code: 'POLICE' } });
    await db.action.create({
      data: { caseId: family.id, agencyId: agency.id, type: 'SAFETY_PLAN', description: 'Safety plan review', dueDate: new Date('2026-01-05'), createdAt: new Date('2026-01-01') },
    });
    await openedThenUnloaded([meetingDoc], async () => {
      const ack = await chair.send('meeting:start', {});
      expect(ack).toMatchObject({ ok: true });
      expect((ack as unknown as { carriedOver: number }).carriedOver).toBeGreaterThan(0);
    });
  });

  it('finalizing, reopening and deferring items', async () => {
    const editor = connectDoc(server.url, meetingDoc, sessionToken(browsers.chair!));
    await synced(editor);
    const [first, second] = listItems(editor.doc);
    setFields(first!, { riskLevel: recordedBand(itemSnapshot(first!)) ?? 'LOW', pathway: 'NO_FURTHER_ACTION' });
    // The edit reaches the server before the close that follows it on the same socket.
    editor.destroy();
    await unloaded(meetingDoc);

    await openedThenUnloaded([meetingDoc], async () => {
      expect(await chair.send('item:finalize', { itemId: first!.id })).toMatchObject({ ok: true, version: 1 });
    });
    await openedThenUnloaded([meetingDoc], async () => {
      expect(await chair.send('item:reopen', { itemId: first!.id })).toEqual({ ok: true });
    });
    await openedThenUnloaded([meetingDoc], async () => {
      expect(await chair.send('item:defer', { itemId: second!.id, reason: 'Police report not in yet' })).toEqual({ ok: true });
    });
  });

  it('a refused finalize and a refused close release the document too', async () => {
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId, status: 'PENDING', decisions: { none: {} } } })).id;
    await openedThenUnloaded([meetingDoc], async () => {
      expect(await chair.send('item:finalize', { itemId })).toMatchObject({ ok: false, error: { code: 'RULES_FAILED' } });
    });
    await openedThenUnloaded([meetingDoc], async () => {
      expect(await chair.send('meeting:close', {})).toMatchObject({ ok: false, error: { code: 'ITEMS_OPEN' } });
    });
  });

  it("sharing from an agency's preparation, refused or done", async () => {
    const prepDoc = prepDocName(meetingId, 'POLICE');
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId } })).id;
    const share = () => browsers.police!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' });
    await openedThenUnloaded([prepDoc], async () => {
      expect((await (await share()).json()).error.code).toBe('NOTHING_TO_SHARE');
    });

    const prep = connectDoc(server.url, prepDoc, sessionToken(browsers.police!));
    await synced(prep);
    setPrepEntry(prep.doc, itemId, { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Two call-outs to the address since March.' });
    prep.destroy();
    await unloaded(prepDoc);
    await openedThenUnloaded([prepDoc, meetingDoc], async () => {
      expect((await share()).status).toBe(201);
    });
  });

  // Last: it stops this file's Redis.
  it('a document whose last client leaves while Redis is down still unloads, and is not subscribed again when Redis returns', async () => {
    const editor = connectDoc(server.url, meetingDoc, sessionToken(browsers.chair!));
    await synced(editor);
    await redis.stop();
    await waitFor(() => !server.ctx.bus.healthy(), 'the server to notice Redis has gone');
    editor.destroy();
    // The unload comes and goes while Redis is away (a failed unsubscribe used to end the process).
    await new Promise((r) => setTimeout(r, UNLOAD_DELAY_MS + 3000));
    redis = await startRedis(redisPort);
    await waitFor(() => server.ctx.bus.healthy(), 'the bus to reconnect', 20_000);
    await waitFor(async () => (await subscribers('collab:control').catch(() => 0)) === 1, 'the bus to subscribe again', 20_000);
    expect(await subscribed(meetingDoc)).toBe(false);
  });
});
