import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Author } from '../../shared/meeting-doc/index.js';
import type { Frame } from './frame.js';
import type { DocWriter } from './persistence.js';

/** WebSocket close codes a client may see, each with a reason it can show. */
export const CLOSE = {
  malformed: { code: 4400, reason: 'malformed message' },
  docFull: { code: 4413, reason: 'document size limit reached' },
  accessEnded: { code: 4403, reason: 'access to this meeting has ended' },
  disposed: { code: 4410, reason: 'document disposed of under the retention schedule' },
  sessionExpired: { code: 4401, reason: 'session expired: sign in again' },
  slowConsumer: { code: 4408, reason: 'connection too slow to keep up' },
  // Transient (y-websocket's 4500s, "try again later"): after a server restart a client's edit can
  // arrive before the resync that carries what it builds on; reconnecting resends everything.
  missingDependencies: { code: 4509, reason: 'edit depends on edits the server does not have' },
  shuttingDown: { code: 1012, reason: 'server restarting' },
} as const;

// A client that stops reading would make the server buffer without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
// A client that never answers the close would otherwise keep its socket for ws's 30 s.
const CLOSE_GRACE_MS = 1000;

/**
 * One client's websocket on one document; used as the Yjs transaction origin of its edits, so the
 * authority knows whose they are (`author`: the participant's agency and role).
 */
export class Connection {
  /** Awareness client ids this connection speaks for; others may not be set or removed by it. */
  readonly awarenessIds = new Set<number>();
  /** Set once the server closes it: whatever the client sends after that is ignored. */
  closing = false;

  constructor(
    readonly ws: WebSocket,
    /** The socket under `ws`, for broadcasts framed once (`sendFrame`). */
    private readonly socket: Pick<Duplex, 'write'>,
    /** Whose edits these are in the document store. */
    readonly writer: DocWriter,
    readonly author: Author,
    public canWrite: boolean,
    /** Who it speaks for, for presence and the audit trail: the participant, or on a plan the staff account. */
    readonly speaker: string,
  ) {}

  /** Null on a family's plan, which is opened as staff rather than as a meeting's participant. */
  get participantId(): string | null {
    return this.writer.participantId;
  }

  send(message: Uint8Array): void {
    if (this.mayWrite()) this.ws.send(message);
  }

  /**
   * A message framed once for every recipient of a broadcast, written to the socket as it is. `ws`
   * writes each of its own frames whole and in order to that same socket (no compression, nothing
   * fragmented), so this one lands between them intact, and counts in `bufferedAmount` as theirs do.
   */
  sendFrame(frame: Frame): void {
    if (this.mayWrite()) this.socket.write(frame);
  }

  private mayWrite(): boolean {
    if (this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.slowConsumer);
      return false;
    }
    return true;
  }

  close({ code, reason }: { code: number; reason: string }): void {
    this.closing = true;
    if (this.ws.readyState !== this.ws.OPEN && this.ws.readyState !== this.ws.CONNECTING) return;
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }
}
