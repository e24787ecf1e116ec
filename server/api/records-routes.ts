import { z } from 'zod';
import { CaseAction, CaseHistory, DisclosureRecord, DisclosureRequest, UpdateActionRequest } from '../../shared/api/records.js';
import type { AppContext } from '../app-context.js';
import { viewerOf } from '../access/need-to-know.js';
import { Reach } from '../access/reach.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { forbidden, notFound } from '../domain/domain-error.js';
import { HttpError } from '../http/errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { caseActionSelect, loadCaseHistory, toCaseAction } from '../records/case-history.js';
import { recordDisclosure } from '../records/disclosure.js';
import { doneAtAfter } from '../records/done-at.js';

const IdParams = z.object({ id: z.uuid() });

export function recordsRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'post', path: '/meetings/:id/disclosures', tag: 'records', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: "Shares the caller's agency's prepared research on an item into the meeting, or records why it is withheld",
      params: IdParams,
      body: DisclosureRequest,
      response: DisclosureRecord,
      status: 201,
      errors: { 404: 'Meeting or item not found', 409: 'Meeting closed' },
      handler: async ({ params, body, principal }) => {
        if (!(await reach.meeting(principal!, params.id, 'disclosure'))) throw notFound('Meeting');
        if (principal!.kind === 'invitee' && !principal!.admitted) throw notFound('Meeting');
        return recordDisclosure(ctx, principal!, params.id, body);
      },
    }),
    defineRoute({
      method: 'get', path: '/cases/:id', tag: 'records', access: ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER', 'AUDITOR'],
      summary: "A family's history: people, episodes, every decision and action across meetings",
      params: IdParams,
      response: CaseHistory,
      errors: { 404: 'Case not found' },
      handler: async ({ params, principal }) => {
        const p = principal!;
        if (!(await reach.case(p, params.id, 'case.view'))) throw notFound('Case');
        const history = await loadCaseHistory(ctx.db, params.id, viewerOf(p), p.role === 'CHAIR' || p.role === 'COORDINATOR');
        if (!history) throw notFound('Case');
        await ctx.audit.record({
          actorId: actorId(p), actorLabel: actorLabel(p), action: 'records.view', subjectType: 'Case', subjectId: history.id,
          // An invitee's view belongs to their meeting, so it shows in that meeting's trail.
          meetingId: p.kind === 'invitee' ? p.meetingId : null, details: { detail: history.detail },
        });
        return history;
      },
    }),
    defineRoute({
      method: 'patch', path: '/actions/:id', tag: 'records', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: "Updates an action's status between meetings (the owning agency, or the chair/coordinator)",
      params: IdParams,
      body: UpdateActionRequest,
      response: CaseAction,
      errors: { 404: 'Action not found', 409: 'Action already closed' },
      handler: async ({ params, body, principal }) => {
        const p = principal!;
        // Actions are updated between meetings by agency staff; an invitee's access is one meeting.
        if (p.kind === 'invitee') throw forbidden('Sign in with a staff account to update actions');
        if (!(await reach.action(p, params.id, 'action.update'))) throw notFound('Action');
        const action = await ctx.db.action.findUnique({ where: { id: params.id }, select: { id: true, agencyId: true, status: true } });
        if (!action) throw notFound('Action');
        const owner = p.agency.id === action.agencyId;
        if (!owner && p.role !== 'CHAIR' && p.role !== 'COORDINATOR') {
          await ctx.audit.record({ actorId: actorId(p), actorLabel: actorLabel(p), action: 'records.refused', subjectType: 'Action', subjectId: action.id, details: { reason: 'not the owning agency' } });
          throw forbidden("Only the agency that owns this action can update it");
        }
        if (action.status === 'CANCELLED') throw new HttpError(409, 'ACTION_CLOSED', 'This action was cancelled and cannot change');
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
          details: { from: action.status, to: body.status },
        });
        return toCaseAction(updated);
      },
    }),
  ];
}
