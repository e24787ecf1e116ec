import { UNFINISHED_ACTION_STATUSES } from '../../shared/domain.js';
import type { Db } from '../db/client.js';
import { appendFamilies } from './append-items.js';

/**
 * Puts on a meeting's list, as CARRIED_OVER, every family of its site that an earlier closed
 * meeting deferred, or that still has actions open or not done. Families already on the list keep
 * their item. Idempotent; returns the ids of the items it created.
 */
export async function carryOverInto(db: Db, meetingId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`carry-over:${meetingId}`}))`;
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { siteId: true, date: true } });
    const earlier = { siteId: meeting.siteId, status: 'CLOSED' as const, date: { lt: meeting.date } };

    const deferred = await tx.agendaItem.findMany({
      where: { status: 'DEFERRED', meeting: earlier },
      select: { caseId: true, meeting: { select: { date: true } } },
    });
    // A deferral counts only if no later closed meeting decided the family since.
    const decidedLater = await tx.agendaItem.findMany({
      where: { status: 'DECIDED', caseId: { in: deferred.map((d) => d.caseId) }, meeting: earlier },
      select: { caseId: true, meeting: { select: { date: true } } },
    });
    const stillDeferred = deferred.filter((d) => !decidedLater.some((l) => l.caseId === d.caseId && l.meeting.date > d.meeting.date));

    const withOpenActions = await tx.action.findMany({
      where: { status: { in: [...UNFINISHED_ACTION_STATUSES] }, case: { siteId: meeting.siteId }, createdAt: { lt: new Date() } },
      select: { caseId: true },
      distinct: ['caseId'],
    });
    return appendFamilies(tx, meetingId, [...stillDeferred, ...withOpenActions].map((c) => c.caseId), 'CARRIED_OVER');
  });
}
