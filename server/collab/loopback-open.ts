import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Author } from '../../shared/meeting-doc/index.js';
import type { LiveAccess } from '../access/live-access.js';
import type { DocLease } from './doc-registry.js';
import { connectSocket } from './doc-socket.js';
import { Heartbeat } from './heartbeat.js';
import { encodeAwareness, encodeSyncStep1, MESSAGE_SYNC } from './protocol.js';

/**
 * Opens a leased document as a browser would, over a real websocket: a server of its own on a
 * loopback port, attaching the socket with the content plane's own `connectSocket`, and a client
 * doing y-websocket's sync (step 1 and presence out, the server's step 2 applied, its step 1
 * answered). Resolves with the bytes the client received once it is synced and has gone again;
 * rejects after `timeoutMs`. Everything it opened is closed when it settles.
 */
export async function openOverLoopback(lease: DocLease, liveAccess: LiveAccess, author: Author, timeoutMs: number): Promise<number> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const heartbeat = new Heartbeat();
  const holder = { sessionId: `warm-up-${randomUUID()}`, userId: null, participantId: randomUUID(), sessionExpiresAt: new Date(Date.now() + 60_000), epoch: liveAccess.epoch() };
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => connectSocket(ws, socket, lease, liveAccess, heartbeat, holder, author, true));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/`, { perMessageDeflate: false });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<number>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs);
      let received = 0;
      client.binaryType = 'nodebuffer';
      client.on('error', reject);
      client.on('close', () => reject(new Error('closed before it synced')));
      client.on('open', () => {
        awareness.setLocalState({ warmUp: true });
        client.send(encodeSyncStep1(doc));
        client.send(encodeAwareness(awareness, [doc.clientID]));
      });
      client.on('message', (data: Buffer) => {
        received += data.length;
        const decoder = decoding.createDecoder(data);
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        const kind = syncProtocol.readSyncMessage(decoder, reply, doc, 'warm-up');
        if (encoding.length(reply) > 1) client.send(encoding.toUint8Array(reply));
        if (kind !== syncProtocol.messageYjsSyncStep2) return;
        client.removeAllListeners('close');
        client.once('close', () => resolve(received));
        client.close();
      });
    });
  } finally {
    clearTimeout(timer);
    client.terminate();
    awareness.destroy();
    doc.destroy();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
}
