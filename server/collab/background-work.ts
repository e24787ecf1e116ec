import type { Logger } from '../logger.js';

/**
 * Work the content plane starts on its own rather than for a caller (another process's command, the
 * resync after a bus outage), kept track of so that shutdown can wait for it. A database read still
 * running when the server disconnects from the database would make Prisma connect again, and that
 * connection would outlive the process's close.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  /** Starts `task` unless shutdown has begun. */
  run(what: string, task: () => Promise<void>): void {
    if (this.stopped) return;
    const running: Promise<void> = task()
      .catch((err: unknown) => this.log.error({ err }, `${what} failed`))
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Starts nothing more and resolves once everything started has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
