import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Author } from '../../shared/meeting-doc/index.js';
import type { Holder, LiveAccess } from '../access/live-access.js';
import { CLOSE, Connection } from './connection.js';
import type { DocLease } from './doc-registry.js';
import type { Heartbeat } from './heartbeat.js';

/** One frozen `Author` per agency and role, shared by every connection with that pair. */
const authors = new Map<string, Author>();
function sharedAuthor({ agency, role }: Author): Author {
  const key = `${agency} ${role}`;
  let author = authors.get(key);
  if (!author) authors.set(key, (author = Object.freeze({ agency, role })));
  return author;
}

/**
 * Attaches an upgraded websocket (and `socket`, the one it was upgraded on) to the document its
 * lease holds, for as long as its holder's access lasts.
 */
export function connectSocket(ws: WebSocket, socket: Duplex, lease: DocLease, liveAccess: LiveAccess, heartbeat: Heartbeat, holder: Holder, author: Author, canWrite: boolean): void {
  const { shared } = lease;
  const writer = { participantId: holder.participantId, userId: holder.participantId ? null : holder.userId };
  const conn = new Connection(ws, socket, writer, sharedAuthor(author), canWrite, holder.participantId ?? holder.userId ?? `session:${holder.sessionId}`);
  const access = liveAccess.register(holder, ({ expired }) => conn.close(expired ? CLOSE.sessionExpired : CLOSE.accessEnded));
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    // Sent after the server closed this socket, or after access ended: never applied.
    if (conn.closing || !access.open()) return;
    if (!isBinary) return conn.close(CLOSE.malformed);
    shared.receive(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  heartbeat.watch(ws);
  const leave = () => {
    heartbeat.forget(ws);
    access.release();
    shared.remove(conn);
  };
  ws.on('close', leave);
  ws.on('error', leave);
  // Access that ended while this connection was being set up: it never joins.
  if (conn.closing) return;
  shared.add(conn);
}
