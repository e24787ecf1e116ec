import { DateTime } from 'luxon';
import type { LedFamily, WorkAction } from '../../shared/api/work.js';
import { UNFINISHED_ACTION_STATUSES } from '../../shared/domain.js';
import { isoDateOf } from '../../shared/nz-time.js';
import type { StaffPrincipal } from '../access/require-role.js';
import { actionScope, caseScope } from '../access/site-scope.js';
import type { Db } from '../db/client.js';
import { caseActionSelect, toCaseAction } from './case-history.js';

/** How long a finished action stays on the work list, so the agency sees what it just closed. */
const RECENT_DAYS = 14;

/**
 * An agency's work between meetings: every action of its at its site not yet done, and those
 * finished in the last two weeks. The agency holds each of them, so it needs to know the family.
 */
export async function agencyActions(db: Db, p: StaffPrincipal, now = new Date()): Promise<WorkAction[]> {
  const since = DateTime.fromJSDate(now).minus({ days: RECENT_DAYS }).toJSDate();
  const rows = await db.action.findMany({
    where: {
      AND: [actionScope(p), { agencyId: p.agency.id }, {
        OR: [{ status: { in: [...UNFINISHED_ACTION_STATUSES] } }, { updatedAt: { gte: since } }],
      }],
    },
    select: { ...caseActionSelect, updatedAt: true, case: { select: { id: true, reference: true } } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return rows.map(({ case: c, updatedAt, ...a }) => ({
    ...toCaseAction(a), caseId: c.id, caseReference: c.reference, updatedAt: updatedAt.toISOString(),
  }));
}

/** The families the agency leads that are not closed, the most at risk first. */
export async function ledFamilies(db: Db, p: StaffPrincipal): Promise<LedFamily[]> {
  const rows = await db.case.findMany({
    where: { AND: [caseScope(p), { leadAgencyId: p.agency.id, status: { not: 'CLOSED' } }] },
    select: {
      id: true, reference: true, status: true, currentRisk: true,
      _count: { select: { actions: { where: { status: { in: [...UNFINISHED_ACTION_STATUSES] } } } } },
      agendaItems: { select: { meeting: { select: { date: true } } }, orderBy: { meeting: { date: 'desc' } }, take: 1 },
    },
    take: 500,
  });
  const weight = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;
  return rows
    .map((c) => ({
      id: c.id, reference: c.reference, status: c.status, currentRisk: c.currentRisk,
      unfinishedActions: c._count.actions,
      lastMeeting: c.agendaItems[0] ? isoDateOf(c.agendaItems[0].meeting.date) : null,
    }))
    .sort((a, b) => (a.currentRisk ? weight[a.currentRisk] : 3) - (b.currentRisk ? weight[b.currentRisk] : 3) || a.reference.localeCompare(b.reference));
}
