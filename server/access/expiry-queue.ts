// setTimeout's longest delay; a later expiry is waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Something that runs out at `expiresAt`; `slot` is the queue's own bookkeeping (-1 when not queued). */
export interface Expiring {
  expiresAt: number;
  slot: number;
}

/**
 * Entries by expiry, earliest first, behind one timer set for the earliest: a timer per entry
 * costs each its own `Timeout` and, as every expiry is a different delay, a timer list of its own.
 * A binary heap whose entries know their place, so removing one (a connection closing) is as
 * cheap as adding one and nothing removed stays referenced.
 */
export class ExpiryQueue<T extends Expiring> {
  private readonly heap: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity when none is set. */
  private timerAt = Infinity;

  /** `onDue` is called once per entry at its expiry, after it has left the queue. */
  constructor(private readonly onDue: (entry: T) => void) {}

  get size(): number {
    return this.heap.length;
  }

  add(entry: T): void {
    if (entry.slot !== -1) this.remove(entry);
    entry.slot = this.heap.length;
    this.heap.push(entry);
    this.up(entry.slot);
    if (entry.expiresAt < this.timerAt) this.arm();
  }

  remove(entry: T): void {
    const i = entry.slot;
    if (i === -1 || this.heap[i] !== entry) return;
    entry.slot = -1;
    const last = this.heap.pop()!;
    if (last !== entry) {
      this.heap[i] = last;
      last.slot = i;
      this.down(i);
      this.up(i);
    }
    // The timer is left as it is: firing with nothing due only sets it again for the new earliest.
    if (this.heap.length === 0) this.disarm();
  }

  private arm(): void {
    this.disarm();
    const head = this.heap[0];
    if (!head) return;
    this.timerAt = head.expiresAt;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(head.expiresAt - Date.now(), 0), MAX_TIMER_MS));
    this.timer.unref();
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    const due: T[] = [];
    while (this.heap.length > 0 && this.heap[0]!.expiresAt <= now) {
      const head = this.heap[0]!;
      this.remove(head);
      due.push(head);
    }
    this.arm();
    for (const entry of due) this.onDue(entry);
  }

  private up(i: number): void {
    const heap = this.heap;
    const entry = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.expiresAt <= entry.expiresAt) break;
      this.place(heap[parent]!, i);
      i = parent;
    }
    this.place(entry, i);
  }

  private down(i: number): void {
    const heap = this.heap;
    const entry = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.expiresAt < heap[left]!.expiresAt ? right : left;
      if (heap[child]!.expiresAt >= entry.expiresAt) break;
      this.place(heap[child]!, i);
      i = child;
    }
    this.place(entry, i);
  }

  private place(entry: T, i: number): void {
    this.heap[i] = entry;
    entry.slot = i;
  }
}
