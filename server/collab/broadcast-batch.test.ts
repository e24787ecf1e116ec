import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BroadcastBatch, PRESENCE_WINDOW_MS } from './broadcast-batch.js';
import { Connection } from './connection.js';

/** The message inside one of the short frames these tests send (under 126 bytes: a 2-byte header). */
function unframe(frame: Buffer): Uint8Array {
  expect(frame[1]).toBe(frame.length - 2);
  return frame.subarray(2);
}

/** A connection whose sockets keep what they are sent, ws's messages and framed ones alike. */
function connection(name: string): { conn: Connection; got: Uint8Array[] } {
  const got: Uint8Array[] = [];
  const ws = { OPEN: 1, CONNECTING: 0, readyState: 1, bufferedAmount: 0, send: (m: Uint8Array) => got.push(m) };
  const socket = { write: (frame: Buffer) => got.push(unframe(frame)) };
  const conn = new Connection(ws as unknown as WebSocket, socket as unknown as Duplex, { participantId: name, userId: null }, { agency: 'POLICE', role: 'REP' }, true, name);
  return { conn, got };
}

/** The Yjs update inside a sync message. */
function payload(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/** A client's edit: a few characters typed into the shared text. */
function typed(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, text);
  return update!;
}

describe('per-turn broadcast', () => {
  it('gives a writer only the others\' update when that is one update', () => {
    const [a, b, watcher] = [connection('a'), connection('b'), connection('w')];
    const batch = new BroadcastBatch(new Set([a.conn, b.conn, watcher.conn]), new awarenessProtocol.Awareness(new Y.Doc()));
    const [docA, docB] = [new Y.Doc(), new Y.Doc()];
    const [fromA, fromB] = [typed(docA, 'a'), typed(docB, 'b')];
    batch.addUpdate(fromA, a.conn);
    batch.addUpdate(fromB, b.conn);
    batch.flush();
    expect(payload(a.got[0]!)).toEqual(fromB);
    expect(payload(b.got[0]!)).toEqual(fromA);
    expect(watcher.got).toHaveLength(1);
  });

  it('sends one merged message to everyone, writers included, when the others wrote several updates in the turn; nothing is lost', () => {
    const people = ['a', 'b', 'c'].map(connection);
    const watcher = connection('w');
    const batch = new BroadcastBatch(new Set([...people.map((p) => p.conn), watcher.conn]), new awarenessProtocol.Awareness(new Y.Doc()));
    const docs = people.map(() => new Y.Doc());
    docs.forEach((doc, i) => batch.addUpdate(typed(doc, `${i}`), people[i]!.conn));
    batch.flush();
    // One merge for the turn: every connection gets the very same message.
    const message = watcher.got[0]!;
    for (const p of people) expect(p.got).toEqual([message]);
    for (const doc of docs) {
      Y.applyUpdate(doc, payload(message));
      expect([...doc.getText('t').toString()].sort().join('')).toBe('012');
    }
  });

  it('sends the presence changes of a window, made in different turns, as one message when the window ends', async () => {
    const [a, watcher] = [connection('a'), connection('w')];
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    const batch = new BroadcastBatch(new Set([a.conn, watcher.conn]), awareness);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const moves = ['item-1', 'item-2'].map((viewing) => {
      const client = new awarenessProtocol.Awareness(new Y.Doc());
      client.setLocalState({ viewing });
      return client;
    });
    for (const client of moves) {
      awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]), null);
      batch.addAwareness([client.clientID]);
      await turn();
    }
    expect(watcher.got).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_WINDOW_MS + 20));
    expect(watcher.got).toHaveLength(1);
    expect(a.got).toEqual(watcher.got);
    const heard = new awarenessProtocol.Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(watcher.got[0]!);
    expect(decoding.readVarUint(decoder)).toBe(1); // an awareness message
    awarenessProtocol.applyAwarenessUpdate(heard, decoding.readVarUint8Array(decoder), null);
    expect(moves.map((client) => heard.getStates().get(client.clientID))).toEqual([{ viewing: 'item-1' }, { viewing: 'item-2' }]);
    batch.cancel();
  });
});
