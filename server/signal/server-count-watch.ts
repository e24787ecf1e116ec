/**
 * Watches how many processes answer over Redis and calls `onChange` when that number changes, and
 * on the first answer after `forget()`. Asking every few seconds is what notices a process whose
 * Redis subscription came back after ours: until then, everything we asked of all processes (who is
 * in a meeting) was answered without it.
 */
export class ServerCountWatch {
  private known: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly count: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    void this.poll();
  }

  /** The next answer counts as a change: after a reconnect, even the same number may be other processes. */
  forget(): void {
    this.known = undefined;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const now = await this.count();
      if (now !== this.known && !this.stopped) {
        this.known = now;
        this.onChange();
      }
    } catch {
      this.known = undefined;
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.intervalMs);
  }
}
