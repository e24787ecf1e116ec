import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { listDue } from './due-list.js';
import type { RetentionRules } from './retention-rules.js';

export const DUE_ACTION = 'retention.due';
// Its own lock: the check and its record happen once per interval however many processes run.
const DUE_CHECK_LOCK = 7_263_022;

/**
 * The scheduled part of the retention schedule: once per interval (daily by default) one process
 * lists what is due at each site and records it in the audit trail for the administrators to
 * review. Nothing is disposed of without their approval.
 */
export class DueCheck {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly rules: RetentionRules,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => {
        await this.runOnce();
      }).catch((err: unknown) => this.log.error({ err }, 'the retention check failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Records what is due at each site, unless another process did within this interval. Returns the sites recorded. */
  async runOnce(now = new Date()): Promise<number> {
    return this.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DUE_CHECK_LOCK})`;
      const recent = await tx.auditEvent.findFirst({ where: { action: DUE_ACTION, at: { gt: new Date(now.getTime() - this.intervalMs / 2) } }, select: { seq: true } });
      if (recent) return 0;
      let recorded = 0;
      for (const site of await tx.site.findMany({ select: { id: true } })) {
        const batch = await listDue(tx, this.rules, site.id, now);
        if (batch.items.length === 0 && batch.held.length === 0) continue;
        const counts: Record<string, number> = {};
        for (const item of batch.items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
        await this.audit.record({
          actorLabel: 'SAM Room retention schedule', action: DUE_ACTION, subjectType: 'Site', subjectId: site.id,
          details: { batchHash: batch.batchHash, due: counts, held: batch.held.length },
        }, tx);
        recorded++;
      }
      return recorded;
    }, { timeout: 5 * 60_000, maxWait: 60_000 });
  }
}
