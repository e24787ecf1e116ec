import type { CaseAction, UpdateActionRequest } from '../../shared/api/records.js';
import { getItem, refreshCarried } from '../../shared/meeting-doc/index.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { ServerOrigin } from '../collab/origins.js';
import { conflict, forbidden, notFound } from '../domain/domain-error.js';
import { caseActionSelect, toCaseAction } from './case-history.js';
import { doneAtAfter } from './done-at.js';

const FROM_RECORDS = new ServerOrigin('action-update');

type UpdateContext = Pick<AppContext, 'db' | 'docs' | 'audit'>;

/**
 * An agency's update to one of its actions between meetings (or the chair's or coordinator's to
 * any): the record, its audit row, and the copy any meeting not yet closed carries of it, so the
 * next meeting's item shows it at once. The caller has checked the site (reach.ts).
 */
export async function updateActionRecord(ctx: UpdateContext, p: StaffPrincipal, actionId: string, body: UpdateActionRequest): Promise<CaseAction> {
  const action = await ctx.db.action.findUnique({ where: { id: actionId }, select: { id: true, agencyId: true, status: true, caseId: true } });
  if (!action) throw notFound('Action');
  const owner = p.agency.id === action.agencyId;
  if (!owner && p.role !== 'CHAIR' && p.role !== 'COORDINATOR') {
    await ctx.audit.record({ actorId: actorId(p), actorLabel: actorLabel(p), action: 'records.refused', subjectType: 'Action', subjectId: action.id, details: { reason: 'not the owning agency' } });
    throw forbidden('Only the agency that owns this action can update it');
  }
  if (action.status === 'CANCELLED') throw conflict('ACTION_CLOSED', 'This action was cancelled and cannot change');
  const updated = await ctx.db.action.update({
    where: { id: action.id },
    data: {
      status: body.status, doneAt: doneAtAfter(action.status, body.status, new Date()),
      ...(body.outcomeNote !== undefined && { outcomeNote: body.outcomeNote }),
    },
    select: caseActionSelect,
  });
  await ctx.audit.record({
    actorId: actorId(p), actorLabel: actorLabel(p), action: 'action.update', subjectType: 'Action', subjectId: action.id,
    details: { from: action.status, to: body.status, outcomeNote: body.outcomeNote !== undefined },
  });
  await refreshOpenMeetings(ctx, action.caseId, action.id, { status: updated.status, outcomeNote: updated.outcomeNote });
  return toCaseAction(updated);
}

async function refreshOpenMeetings(ctx: UpdateContext, caseId: string, actionId: string, record: { status: CaseAction['status']; outcomeNote: string | null }): Promise<void> {
  const items = await ctx.db.agendaItem.findMany({
    where: { caseId, meeting: { status: { in: ['PREP', 'LIVE'] } } },
    select: { id: true, meetingId: true },
  });
  for (const { id, meetingId } of items) {
    await ctx.docs.withDoc({ kind: 'meeting', meetingId }, ({ doc }) => {
      const item = getItem(doc, id);
      if (item) refreshCarried(item, actionId, record, FROM_RECORDS);
    });
  }
}
