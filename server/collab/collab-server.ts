import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../app-context.js';
import { holderOf } from '../access/live-access.js';
import { actorLabel, actorId } from '../auth/principal.js';
import { readSessionToken } from '../auth/session-middleware.js';
import { isAllowedOrigin } from '../http/same-origin.js';
import { meetingOfDoc } from '../../shared/meeting-doc/index.js';
import { resolveDocAccess } from './access.js';
import { connectSocket } from './doc-socket.js';
import { Heartbeat } from './heartbeat.js';

/** Larger messages close the connection with 1009 (Message Too Big). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const PREFIX = '/collab/';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error',
};

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The content plane's door: `/collab/<docName>` on the app's own HTTP server, speaking the
 * standard y-websocket protocol. Who may open what is decided before the upgrade completes.
 */
export function attachCollab(http: Server, ctx: AppContext): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const heartbeat = new Heartbeat();

  const handle = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(PREFIX.length));
    } catch {
      return refuse(socket, 400, 'BAD_DOC_NAME', 'Not a document name');
    }
    const epoch = ctx.access.epoch();
    const principal = await ctx.sessions.resolve(url.searchParams.get('token') ?? readSessionToken(req.headers.cookie));
    const refused = (status: number, code: string, reason: string, why = reason) => {
      void ctx.audit.record({
        actorId: principal ? actorId(principal) : null,
        actorLabel: principal ? actorLabel(principal) : `anonymous (${req.socket.remoteAddress ?? 'unknown'})`,
        action: 'collab.refused',
        subjectType: 'Document',
        subjectId: docName.slice(0, 200),
        details: { status, reason: why, origin: req.headers.origin ?? null },
      }).catch((err: unknown) => ctx.log.error({ err }, 'audit failed'));
      refuse(socket, status, code, reason);
    };
    if (!isAllowedOrigin(req.headers, ctx.config.ALLOWED_ORIGINS, ctx.config.TRUST_PROXY)) {
      return refused(403, 'FORBIDDEN_ORIGIN', 'websocket from another site');
    }
    const access = await resolveDocAccess(ctx.db, principal, docName);
    if (!access.ok) return refused(access.status, access.code, access.reason, access.why);
    const opener = access.principal;
    // Load (stored state, agenda items) before the client can say anything, and put the open on the
    // record meanwhile (a failure refuses it). The lease lasts as long as the socket: the
    // connection's life, or only until an abandoned handshake's socket goes.
    const [lease] = await Promise.all([
      ctx.docs.lease(access.name),
      ctx.audit.record({
        actorId: actorId(opener), actorLabel: actorLabel(opener), action: 'doc.open',
        subjectType: 'Document', subjectId: docName, meetingId: meetingOfDoc(access.name),
        details: { mode: access.mode, participantId: access.participantId },
      }),
    ]);
    if (socket.destroyed) return lease.release();
    // The lease's own release, not a closure made here: that would keep this handler's whole scope
    // (the upgrade request with its headers, about 3 KiB) for as long as the socket lives. `on`, as
    // `once` adds a wrapper per socket, and a second release does nothing.
    socket.on('close', lease.release);
    const holder = holderOf(opener, access.participantId, epoch);
    wss.handleUpgrade(req, socket, head, (ws) => connectSocket(ws, socket, lease, ctx.access, heartbeat, holder, access.author, access.mode === 'write'));
  };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(PREFIX)) return; // socket.io handles its own path
    socket.on('error', () => socket.destroy());
    handle(req, socket, head).catch((err: unknown) => {
      ctx.log.error({ err }, 'websocket upgrade failed');
      if (socket.writable) refuse(socket, 500, 'INTERNAL', 'Something went wrong on the server');
    });
  });
}
