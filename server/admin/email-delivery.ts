import type { OutboxEntry } from '../../shared/api/notifications.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { conflict, notFound } from '../domain/domain-error.js';
import { listOutboxEntries } from '../reminders/outbox-entries.js';
import { byAdmin } from './admin-access.js';

/**
 * A site's reminder emails that did not go: those whose tries ran out (FAILED) and those that
 * failed at least once and wait for their next try. What they say is counts and a link, so an
 * administrator, who sees no case content, may read them.
 */
export function listEmailTrouble(db: Db, siteId: string): Promise<OutboxEntry[]> {
  return listOutboxEntries(db, {
    notification: { siteId },
    OR: [{ status: 'FAILED' }, { status: { in: ['PENDING', 'SENDING'] }, lastError: { not: null } }],
  });
}

/**
 * Puts a FAILED email back in the queue, due now: the next reminders pass of any process sends
 * it. Its attempts are kept, so if this try fails too it is FAILED again rather than retried for
 * hours. Conditional on FAILED, so two administrators pressing at once queue it once.
 */
export async function retryEmail(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, email: { id: string; attempts: number }): Promise<OutboxEntry> {
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.outboxEmail.updateMany({
      where: { id: email.id, status: 'FAILED' }, data: { status: 'PENDING', nextAttemptAt: new Date(), leaseUntil: null },
    });
    if (count === 0) throw conflict('NOT_FAILED', 'This email has not failed: it is sent or already waiting to be tried again');
    await ctx.audit.record({ ...byAdmin(p), action: 'email.retry', subjectType: 'OutboxEmail', subjectId: email.id, details: { attempts: email.attempts } }, tx);
  });
  const [entry] = await listOutboxEntries(ctx.db, { id: email.id });
  if (!entry) throw notFound('Email');
  return entry;
}
