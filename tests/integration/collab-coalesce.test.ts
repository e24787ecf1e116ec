import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { getItem, listItems, meetingSnapshot, rationaleText, setField } from '../../shared/meeting-doc/index.js';
import { MESSAGE_SYNC, encodeUpdate } from '../../server/collab/protocol.js';
import { ServerOrigin } from '../../server/collab/origins.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

/** The payloads of the incremental sync updates (not the first sync) a socket receives from now on. */
function updatesReceived(ws: Pick<WebSocket, 'addEventListener'>): Uint8Array[] {
  const seen: Uint8Array[] = [];
  ws.addEventListener('message', ({ data }) => {
    const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    if (decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) seen.push(decoding.readVarUint8Array(decoder));
  });
  return seen;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('broadcasts coalesced per event-loop turn', () => {
  let server: TestServer;
  let meetingId: string;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];
  let raw: WebSocket | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meetings = await (await chair.request('GET', '/api/meetings')).json();
    meetingId = meetings.find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    for (const who of ['police', 'ot', 'health']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      await b.acknowledge(meetingId);
      tokens[who] = sessionToken(b);
    }
  });
  afterAll(async () => {
    raw?.terminate();
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  it("sends everything applied in one turn to each other connection as one update, and a writer only the others' part", async () => {
    const docName = `meeting:${meetingId}`;
    const observers = ['ot', 'health'].map((who) => connectDoc(server.url, docName, tokens[who]!));
    clients.push(...observers);
    await Promise.all(observers.map((o) => synced(o)));
    // The writer speaks the protocol by hand, so its three updates can be applied in one turn.
    const upgrade = await rawUpgrade(`${server.url.replace(/^http/, 'ws')}/collab/${docName}?token=${tokens.police}`);
    raw = upgrade.ws!;
    raw.binaryType = 'arraybuffer';
    const writerGot = updatesReceived(raw);
    const observed = observers.map((o) => updatesReceived(o.provider.ws!));
    const writerDoc = new Y.Doc();
    Y.applyUpdate(writerDoc, Y.encodeStateAsUpdate(observers[0]!.doc));
    const writes: Uint8Array[] = [];
    writerDoc.on('update', (u: Uint8Array) => writes.push(u));
    const [x, y] = listItems(writerDoc);
    for (const word of ['Police: ', 'breach of ', 'protection order. ']) {
      const text = rationaleText(getItem(writerDoc, x!.id)!);
      text.insert(text.length, word);
    }

    await server.ctx.docs.withDoc({ kind: 'meeting', meetingId }, async (shared) => {
      await waitFor(() => shared.connections.size === 3, 'three connections');
      const writer = [...shared.connections].at(-1)!;
      // One turn: the writer's first edit, a server edit (as a repair is), its other two edits.
      shared.receive(writer, encodeUpdate(writes[0]!));
      shared.doc.transact(() => setField(getItem(shared.doc, y!.id)!, 'riskLevel', 'HIGH'), new ServerOrigin('test'));
      shared.receive(writer, encodeUpdate(writes[1]!));
      shared.receive(writer, encodeUpdate(writes[2]!));
    });

    await waitFor(() => observers.every((o) => rationaleText(getItem(o.doc, x!.id)!).toString().endsWith('Police: breach of protection order. ')), 'the edits to arrive');
    await waitFor(() => writerGot.length > 0, "the server's edit to reach the writer");
    await settle();
    expect(observed.map((o) => o.length)).toEqual([1, 1]);
    expect(writerGot).toHaveLength(1);
    // The writer's share holds the server's edit and none of its own.
    const structs = Y.decodeUpdate(writerGot[0]!).structs;
    expect(structs.length).toBeGreaterThan(0);
    expect(structs.every((s) => s.id.client !== writerDoc.clientID)).toBe(true);
    Y.applyUpdate(writerDoc, writerGot[0]!);
    const snapshots = [writerDoc, ...observers.map((o) => o.doc)].map((d) => JSON.stringify(meetingSnapshot(d)));
    expect(new Set(snapshots).size).toBe(1);
    expect(meetingSnapshot(writerDoc).find((i) => i.id === y!.id)!.riskLevel).toBe('HIGH');
  });
});
