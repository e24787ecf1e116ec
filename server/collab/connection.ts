import type { WebSocket } from 'ws';

/** WebSocket close codes a client may see, each with a reason it can show. */
export const CLOSE = {
  malformed: { code: 4400, reason: 'malformed message' },
  docFull: { code: 4413, reason: 'document size limit reached' },
  accessEnded: { code: 4403, reason: 'access to this meeting has ended' },
  slowConsumer: { code: 4408, reason: 'connection too slow to keep up' },
  missingDependencies: { code: 4409, reason: 'edit depends on edits the server does not have' },
  shuttingDown: { code: 1012, reason: 'server restarting' },
} as const;

// A client that stops reading would make the server buffer without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** One client's websocket on one document; used as the Yjs transaction origin of its edits. */
export class Connection {
  /** Awareness client ids this connection speaks for; others may not be set or removed by it. */
  readonly awarenessIds = new Set<number>();
  alive = true;

  constructor(
    readonly ws: WebSocket,
    readonly participantId: string,
    public canWrite: boolean,
  ) {}

  send(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.slowConsumer);
      return;
    }
    this.ws.send(message);
  }

  close({ code, reason }: { code: number; reason: string }): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
  }
}
