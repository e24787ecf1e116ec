import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Bus } from '../bus/bus.js';

const CHANNEL = 'metrics:bus-probe';

/**
 * Bus lag as a process sees it: it publishes a probe on the bus every `intervalMs` and times how
 * long the bus takes to hand it back (a process hears its own publications). Through Redis that is
 * the round trip every document update makes between processes; a probe that never comes back
 * leaves the last figure standing and counts as lost.
 */
export class BusProbe {
  private readonly id = randomUUID();
  private readonly sent = new Map<number, number>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly intervalMs: number,
    private readonly onLag: (seconds: number) => void,
    private readonly onLost: () => void,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(CHANNEL, (message) => this.heard(message));
    this.timer = setInterval(() => this.send(), this.intervalMs);
    this.timer.unref();
    this.send();
  }

  private send(): void {
    // A probe still out after a whole interval is lost (the bus is down or dropped it).
    for (const [seq, at] of this.sent) {
      if (performance.now() - at < this.intervalMs) continue;
      this.sent.delete(seq);
      this.onLost();
    }
    const seq = ++this.seq;
    this.sent.set(seq, performance.now());
    this.bus.publish(CHANNEL, new TextEncoder().encode(`${this.id} ${seq}`)).catch(() => {
      // Counted as lost on the next round.
    });
  }

  private heard(message: Uint8Array): void {
    const [id, seq] = new TextDecoder().decode(message).split(' ');
    if (id !== this.id) return;
    const at = this.sent.get(Number(seq));
    if (at === undefined) return;
    this.sent.delete(Number(seq));
    this.onLag((performance.now() - at) / 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.unsubscribe?.();
  }
}
