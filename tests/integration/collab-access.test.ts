import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  getItem, getItems, listItems, meetingDocName, meetingSnapshot, prepDocName, rationaleText, setField,
} from '../../shared/meeting-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('who may open and change which document', () => {
  let server: TestServer;
  let liveId: string;
  let closedId: string;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];
  const open = (who: string, docName: string) => {
    const client = connectDoc(server.url, docName, tokens[who]!);
    clients.push(client);
    return client;
  };
  const wsUrl = (doc: string, token?: string) =>
    `${server.url.replace('http', 'ws')}/collab/${doc}${token ? `?token=${token}` : ''}`;

  beforeAll(async () => {
    server = await startTestServer({ MAX_DOC_BYTES: String(2 * 1024 * 1024) });
    const meetings = await server.ctx.db.meeting.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true, status: true, kind: true } });
    liveId = meetings.find((m) => m.status === 'PREP' && m.kind === 'DAILY_SAM')!.id;
    closedId = meetings.find((m) => m.status === 'CLOSED')!.id;
    for (const who of ['chair', 'police', 'ot', 'observer', 'auditor']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      // Auditors never enter a meeting; everyone else has acknowledged its statement.
      if (who !== 'auditor') await b.acknowledge(liveId);
      tokens[who] = sessionToken(b);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  const refusals = (reason: string) =>
    server.ctx.db.auditEvent.count({ where: { action: 'collab.refused', details: { path: ['reason'], equals: reason } } });

  it('refuses, before the upgrade, and audits: no session, bad token, foreign origin, other agency prep, auditor, unknown meeting, bad name', async () => {
    const live = meetingDocName(liveId);
    expect((await rawUpgrade(wsUrl(live))).status).toBe(401);
    expect((await rawUpgrade(wsUrl(live, 'forged-token'))).status).toBe(401);
    expect((await rawUpgrade(wsUrl(live, tokens.police), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await rawUpgrade(wsUrl(prepDocName(liveId, 'OT'), tokens.police))).status).toBe(403);
    expect((await rawUpgrade(wsUrl(live, tokens.auditor))).status).toBe(403);
    expect((await rawUpgrade(wsUrl(meetingDocName('00000000-0000-4000-8000-000000000000'), tokens.police))).status).toBe(404);
    expect((await rawUpgrade(wsUrl('meeting:..%2Fetc', tokens.police))).status).toBe(400);

    const allowed = await rawUpgrade(wsUrl(prepDocName(liveId, 'POLICE'), tokens.police));
    expect(allowed.status).toBe(101);
    allowed.ws!.close();

    expect(await refusals('no valid session')).toBe(2);
    expect(await refusals('websocket from another site')).toBe(1);
    expect(await refusals("another agency's preparation")).toBe(1);
    expect(await refusals('auditors and administrators do not open meeting content')).toBe(1);
  });

  it("drops an observer's edits: they reach no other client and nothing is stored", async () => {
    const docName = meetingDocName(liveId);
    const [observer, rep] = [open('observer', docName), open('police', docName)];
    await Promise.all([synced(observer), synced(rep)]);
    const itemId = listItems(rep.doc)[0]!.id;
    await server.ctx.docs.persistence.flush();
    const before = await server.ctx.db.docUpdate.count({ where: { doc: docName } });

    rationaleText(getItem(observer.doc, itemId)!).insert(0, 'OBSERVER WROTE THIS');
    setField(getItem(rep.doc, itemId)!, 'riskLevel', 'MEDIUM'); // a real edit after it, as a marker
    await waitFor(() => meetingSnapshot(observer.doc).find((i) => i.id === itemId)!.riskLevel === 'MEDIUM', 'the marker edit');
    await server.ctx.docs.persistence.flush();

    expect(rationaleText(getItem(rep.doc, itemId)!).toString()).not.toContain('OBSERVER');
    const observerParticipant = await server.ctx.db.participant.findFirst({ where: { meetingId: liveId, user: { email: 'observer@demo.test' } } });
    expect(await server.ctx.db.docUpdate.count({ where: { participantId: observerParticipant!.id } })).toBe(0);
    expect(await server.ctx.db.docUpdate.count({ where: { doc: docName } })).toBe(before + 1);
  });

  it('a closed meeting is read-only for everyone, the chair included', async () => {
    const docName = meetingDocName(closedId);
    const chair = open('chair', docName);
    await synced(chair);
    const item = listItems(chair.doc)[0]!;
    rationaleText(item).insert(0, 'too late ');
    await new Promise((r) => setTimeout(r, 300));
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count({ where: { doc: docName, participantId: { not: null } } })).toBe(0);
  });

  it('repairs an invalid value a client wrote, with a server edit everyone sees, and audits it', async () => {
    const docName = meetingDocName(liveId);
    const [mallory, other] = [open('ot', docName), open('chair', docName)];
    await Promise.all([synced(mallory), synced(other)]);
    const itemId = listItems(mallory.doc)[1]!.id;
    const raw = getItems(mallory.doc).get(itemId) as Y.Map<unknown>;
    // Bypassing the typed accessors, as a hostile client would.
    mallory.doc.transact(() => {
      raw.set('riskLevel', 'EXTREME');
      raw.set('rationale', 42);
      raw.set('familyRef', 'SOMEONE-ELSE');
    });
    mallory.doc.getMap('sneaky').set('x', 'hidden payload');
    const fixed = (doc: Y.Doc) => {
      const item = meetingSnapshot(doc).find((i) => i.id === itemId)!;
      return item.riskLevel === null && item.rationale === '' && item.familyRef !== 'SOMEONE-ELSE' && doc.getMap('sneaky').size === 0;
    };
    await waitFor(() => fixed(mallory.doc) && fixed(other.doc), 'the repair to reach both clients');
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'collab.repair' } })) >= 2, 'repair audit');
  });

  it('clears what a client put at the top level in an edit that touched nothing else', async () => {
    const docName = meetingDocName(liveId);
    const [mallory, other] = [open('ot', docName), open('chair', docName)];
    await Promise.all([synced(mallory), synced(other)]);
    mallory.doc.getText('notes').insert(0, 'hidden note');
    await waitFor(() => mallory.doc.getText('notes').length === 0 && other.doc.getText('notes').length === 0, 'the top level to be cleared on both clients');
  });

  it('survives 1,000 malformed or random messages and an oversized one; other clients are unaffected and the document unchanged', async () => {
    const docName = meetingDocName(liveId);
    const good = open('chair', docName);
    await synced(good);
    const before = JSON.stringify(meetingSnapshot(good.doc));
    await server.ctx.docs.persistence.flush();
    const stateBefore = await server.ctx.db.docUpdate.count({ where: { doc: docName } });

    const closeCodes = new Map<number, number>();
    let ws: WebSocket | undefined;
    for (let i = 0; i < 1000; i++) {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        ws = (await rawUpgrade(wsUrl(docName, tokens.police))).ws!;
        ws.on('close', (code) => closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1));
      }
      const junk = randomBytes(4 + (i % 64));
      // Every fourth message looks like a sync update with garbage inside.
      if (i % 4 === 0) junk.set([0, 2, junk.length - 3], 0);
      ws.send(junk);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    ws?.close();
    const big = (await rawUpgrade(wsUrl(docName, tokens.police))).ws!;
    const bigClosed = new Promise<number>((resolve) => big.once('close', resolve));
    big.send(Buffer.alloc(1024 * 1024 + 10));
    expect(await bigClosed).toBe(1009);
    expect(closeCodes.get(4400)).toBeGreaterThan(0);

    // The good client still syncs edits both ways.
    const item = listItems(good.doc)[2]!;
    rationaleText(item).insert(0, 'still here ');
    const check = open('ot', docName);
    await synced(check);
    await waitFor(() => rationaleText(getItem(check.doc, item.id)!).toString().startsWith('still here '), 'the good edit');
    rationaleText(item).delete(0, 'still here '.length);
    await waitFor(() => JSON.stringify(meetingSnapshot(check.doc)) === before, 'the undo');
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count({ where: { doc: docName } })).toBe(stateBefore + 2);
  });

  it("relays presence between stock clients without closing them, and lets nobody remove another's presence", async () => {
    const docName = meetingDocName(liveId);
    const [a, b] = [open('police', docName), open('ot', docName)];
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Hēmi (Police)' });
    b.provider.awareness.setLocalStateField('user', { name: 'Ana (OT)' });
    const sees = (c: CollabClient, name: string) =>
      [...c.provider.awareness.getStates().values()].some((st) => (st as { user?: { name?: string } }).user?.name === name);
    await waitFor(() => sees(a, 'Ana (OT)') && sees(b, 'Hēmi (Police)'), 'each to see the other');
    await new Promise((r) => setTimeout(r, 300)); // the stock clients relay each other's states back
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

    // A hostile raw client tries to remove A's presence by claiming A's client id.
    const ws = (await rawUpgrade(wsUrl(docName, tokens.ot))).ws!;
    const forged = awarenessProtocol.encodeAwarenessUpdate(a.provider.awareness, [a.doc.clientID], new Map([[a.doc.clientID, null as never]]));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, forged);
    ws.send(encoding.toUint8Array(encoder));
    await new Promise((r) => setTimeout(r, 300));
    expect(sees(b, 'Hēmi (Police)')).toBe(true);
    ws.close();
  });

  it('gives a participant back their presence after reconnecting, though another relayed its removal while they were away', async () => {
    const docName = meetingDocName(liveId);
    const [a, c] = [open('police', docName), open('chair', docName)];
    await Promise.all([synced(a), synced(c)]);
    const named = (name: string) => [...c.provider.awareness.getStates().values()].some((st) => (st as { user?: { name?: string } }).user?.name === name);
    a.provider.awareness.setLocalStateField('user', { name: 'Mere (Police)' });
    await waitFor(() => named('Mere (Police)'), 'C to see A');
    a.provider.disconnect();
    await waitFor(() => !named('Mere (Police)'), 'C to see A leave');
    // What a stock y-websocket client sends on hearing of A's removal: the removal itself, relayed back.
    const ws = (await rawUpgrade(wsUrl(docName, tokens.ot))).ws!;
    const relay = encoding.createEncoder();
    encoding.writeVarUint(relay, 1);
    encoding.writeVarUint8Array(relay, awarenessProtocol.encodeAwarenessUpdate(c.provider.awareness, [a.doc.clientID]));
    ws.send(encoding.toUint8Array(relay));
    await new Promise((r) => setTimeout(r, 300));
    a.provider.connect();
    await synced(a);
    // The server's removal moved A's clock on by one: A's first change after it is stale, the second is news.
    a.provider.awareness.setLocalStateField('user', { name: 'Mere (Police)' });
    a.provider.awareness.setLocalStateField('user', { name: 'Mere (Police, back)' });
    await waitFor(() => named('Mere (Police, back)'), 'C to see A back', 5_000);
    ws.close();
  });

  it('refuses growth past the document size limit with a clear close code', async () => {
    const docName = prepDocName(liveId, 'POLICE');
    const rep = open('police', docName);
    await synced(rep);
    const closed = new Promise<number>((resolve) => rep.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
    // Several messages, each under the 1 MiB message limit, together over the 2 MiB document limit.
    for (let i = 0; i < 3; i++) rep.doc.getMap('entries').set(`x${i}`, 'y'.repeat(900 * 1024));
    expect(await closed).toBe(4413);
  });
});
