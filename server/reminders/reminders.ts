import type { AppContext } from '../app-context.js';
import type { Mailer } from './mailer.js';
import { claimDue, markFailed, markSent } from './outbox.js';
import { writeDueNotices } from './notices.js';

const BATCH = 20;

export interface ReminderSettings {
  intervalMs: number;
  digestTime: string;
  appUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Each process, every interval: writes the reminders now due (each once, notices.ts) and sends
 * the emails waiting in the outbox (each by one process at a time, outbox.ts). Without a mailer
 * the reminders stay in the app.
 */
export class Reminders {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'log'>,
    private readonly settings: ReminderSettings,
    private readonly mailer: Mailer | null,
  ) {}

  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.mailer?.close();
  }

  /** One pass; passes never overlap within a process. */
  run(now = new Date()): Promise<void> {
    this.running = this.running.then(() => this.pass(now)).catch((err: unknown) => {
      this.ctx.log.error({ err }, 'a reminders pass failed');
    });
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    await writeDueNotices(this.ctx.db, { digestTime: this.settings.digestTime, appUrl: this.mailer ? this.settings.appUrl : null }, now);
    if (!this.mailer) return;
    for (;;) {
      const batch = await claimDue(this.ctx.db, BATCH);
      if (batch.length === 0) return;
      for (const email of batch) {
        try {
          await this.mailer.send({ messageId: `<${email.notificationId}@samroom>`, to: email.recipients, subject: email.subject, text: email.text });
          await markSent(this.ctx.db, email.id);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          this.ctx.log.warn({ emailId: email.id, attempts: email.attempts, reason }, 'a reminder email was not sent; it will be tried again');
          await markFailed(this.ctx.db, email, reason, this.settings);
        }
      }
    }
  }
}
