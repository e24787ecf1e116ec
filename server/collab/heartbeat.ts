import type { WebSocket } from 'ws';

export interface HeartbeatOptions {
  /** How often each socket is pinged; one that has not answered the previous ping by then is closed. */
  intervalMs: number;
  /** The interval's ticks: each pings only the sockets of one slice. */
  slices: number;
}

const DEFAULTS: HeartbeatOptions = { intervalMs: 30_000, slices: 30 };

/**
 * Pings every collab websocket once an interval and terminates one that missed a whole interval
 * without answering. One timer for all of them, as ws's documentation does it, rather than an
 * interval per connection; but instead of pinging thousands at once, each tick pings one slice, and
 * a socket joins the slice just pinged, so its first ping comes a whole interval after it joined.
 * The timer runs only while a socket is watched.
 */
export class Heartbeat {
  private readonly slices: Set<WebSocket>[];
  /** Pinged and not answered yet. */
  private readonly unanswered = new Set<WebSocket>();
  private current = 0;
  private watched = 0;
  private timer: NodeJS.Timeout | undefined;
  /** One listener shared by every socket (ws calls it with the socket as `this`). */
  private readonly answered: (this: WebSocket) => void;

  constructor(private readonly options: HeartbeatOptions = DEFAULTS) {
    this.slices = Array.from({ length: options.slices }, () => new Set<WebSocket>());
    const { unanswered } = this;
    this.answered = function answered(this: WebSocket) {
      unanswered.delete(this);
    };
  }

  /** Whether its timer is running (for tests). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  watch(ws: WebSocket): void {
    ws.on('pong', this.answered);
    this.slices[this.current]!.add(ws);
    this.watched += 1;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.options.intervalMs / this.options.slices);
      this.timer.unref();
    }
  }

  /** The socket closed. */
  forget(ws: WebSocket): void {
    ws.off('pong', this.answered);
    this.unanswered.delete(ws);
    if (!this.slices.some((slice) => slice.delete(ws))) return;
    this.watched -= 1;
    if (this.watched === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    this.current = (this.current + 1) % this.slices.length;
    for (const ws of this.slices[this.current]!) {
      if (this.unanswered.has(ws)) {
        ws.terminate();
        continue;
      }
      this.unanswered.add(ws);
      ws.ping();
    }
  }
}
