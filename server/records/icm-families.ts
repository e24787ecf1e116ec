import type { Pathway } from '../../shared/domain.js';
import type { Db } from '../db/client.js';
import { appendFamilies } from './append-items.js';

/** The pathways that keep a family on Intensive Case Management until a decision steps it down. */
export const ICM_PATHWAYS: readonly Pathway[] = ['REFER_ICM', 'CONTINUE_ICM'];

/**
 * Puts on an ICM review's list, as ICM_REVIEW, every family of its site whose latest decision
 * before the review's date is on an ICM pathway: referred, or continued at an earlier review. A
 * step-down (or any other later decision) takes the family off the next review. Idempotent;
 * returns the ids of the items it created.
 */
export async function listIcmFamilies(db: Db, meetingId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`icm-list:${meetingId}`}))`;
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { siteId: true, date: true } });
    const latest = await tx.decision.findMany({
      where: { supersededAt: null, case: { siteId: meeting.siteId }, agendaItem: { meetingId: { not: meetingId }, meeting: { date: { lte: meeting.date } } } },
      select: { caseId: true, pathway: true },
      orderBy: [{ caseId: 'asc' }, { decidedAt: 'desc' }],
      distinct: ['caseId'],
    });
    return appendFamilies(tx, meetingId, latest.filter((d) => ICM_PATHWAYS.includes(d.pathway)).map((d) => d.caseId), 'ICM_REVIEW');
  });
}
