import type { Logger } from '../logger.js';
import type { AuditLog } from './audit-log.js';

/**
 * Writes a checkpoint of the trail's head when the process starts, every interval while the head
 * moves, and at shutdown. Rows appended after the last checkpoint are only as safe as the
 * database, so the interval bounds how much history could be cut off unnoticed.
 */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private lastSeq: bigint | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly audit: AuditLog,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.checkpoint();
    this.timer = setInterval(() => {
      this.checkpoint().catch((err: unknown) => this.log.error({ err }, 'writing an audit checkpoint failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Writes the last checkpoint: call after everything else that records events has stopped. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checkpoint();
  }

  /** One write at a time, and none when nothing was appended since the last one. */
  checkpoint(): Promise<void> {
    const next = this.writing.catch(() => {}).then(async () => {
      const head = await this.audit.head();
      if (!head || head.seq === this.lastSeq) return;
      await this.audit.checkpoints.append(head);
      this.lastSeq = head.seq;
    });
    this.writing = next;
    return next;
  }
}
