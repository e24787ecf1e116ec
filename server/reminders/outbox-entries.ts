import type { OutboxEntry } from '../../shared/api/notifications.js';
import type { Db, Prisma } from '../db/client.js';

const LIST_LIMIT = 200;

/**
 * Reminder emails as the people who run a site check on them, newest first: the agency, the kind,
 * how many recipients (never who), the tries and the last error.
 */
export async function listOutboxEntries(db: Db, where: Prisma.OutboxEmailWhereInput): Promise<OutboxEntry[]> {
  const rows = await db.outboxEmail.findMany({
    where,
    select: {
      id: true, subject: true, recipients: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true,
      notification: { select: { kind: true, agency: { select: { name: true } } } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: LIST_LIMIT,
  });
  return rows.map((r) => ({
    id: r.id, agency: r.notification.agency.name, kind: r.notification.kind, subject: r.subject, recipients: r.recipients.length, status: r.status,
    attempts: r.attempts, lastError: r.lastError, nextAttemptAt: r.nextAttemptAt.toISOString(), createdAt: r.createdAt.toISOString(),
  }));
}
