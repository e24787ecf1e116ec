import { z } from 'zod';
import { CaseAction, CaseHistory, DisclosureRecord, DisclosureRequest, UpdateActionRequest } from '../../shared/api/records.js';
import { isoDateOf } from '../../shared/nz-time.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { forbidden, HttpError, notFound } from '../http/errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { recordDisclosure } from '../records/disclosure.js';

const IdParams = z.object({ id: z.uuid() });

const actionSelect = {
  id: true, type: true, description: true, assignee: true, dueDate: true, priority: true, status: true, outcomeNote: true, decisionId: true,
  agency: { select: { code: true, name: true } },
} as const;

function toAction(a: { dueDate: Date } & Omit<CaseAction, 'dueDate'>): CaseAction {
  return { ...a, dueDate: isoDateOf(a.dueDate) };
}

/** Invitees see only the families on their own meeting's list, and only once admitted. */
async function mayViewCase(ctx: AppContext, p: Principal, caseId: string): Promise<boolean> {
  if (p.kind === 'staff') return true;
  if (!p.admitted) return false;
  return (await ctx.db.agendaItem.count({ where: { caseId, meetingId: p.meetingId } })) > 0;
}

export function recordsRoutes(ctx: AppContext): AnyRoute[] {
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
        if (principal!.kind === 'invitee' && (principal!.meetingId !== params.id || !principal!.admitted)) throw notFound('Meeting');
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
        if (!(await mayViewCase(ctx, principal!, params.id))) throw notFound('Case');
        const c = await ctx.db.case.findUnique({
          where: { id: params.id },
          include: {
            leadAgency: { select: { code: true, name: true } },
            members: { include: { person: true } },
            episodes: { orderBy: { occurredAt: 'desc' } },
            agendaItems: {
              include: {
                meeting: { select: { id: true, date: true } },
                decisions: { include: { leadAgency: { select: { code: true } } }, orderBy: { version: 'desc' } },
              },
            },
            actions: { select: actionSelect, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
          },
        });
        if (!c) throw notFound('Case');
        await ctx.audit.record({ actorId: actorId(principal!), actorLabel: actorLabel(principal!), action: 'records.view', subjectType: 'Case', subjectId: c.id });
        const showNames = principal!.role === 'CHAIR' || principal!.role === 'COORDINATOR';
        return {
          id: c.id, reference: c.reference, status: c.status, currentRisk: c.currentRisk, leadAgency: c.leadAgency, flags: c.flags,
          people: c.members.map((m) => ({
            id: m.person.id,
            name: m.person.hiddenName && !showNames ? 'Name withheld' : `${m.person.preferredName ?? m.person.givenName} ${m.person.familyName}`,
            dob: m.person.dob && (!m.person.hiddenName || showNames) ? isoDateOf(m.person.dob) : null,
            role: m.role,
          })),
          episodes: c.episodes.map((e) => ({
            id: e.id, policeRef: e.policeRef, occurredAt: e.occurredAt.toISOString(), area: e.area, source: e.source, summary: e.summary,
            protectionOrder: e.protectionOrder, strangulation: e.strangulation, weapons: e.weapons, childrenPresent: e.childrenPresent,
          })),
          meetings: c.agendaItems
            .sort((a, b) => b.meeting.date.getTime() - a.meeting.date.getTime())
            .map((i) => ({
              meetingId: i.meeting.id, date: isoDateOf(i.meeting.date), itemId: i.id, reason: i.reason, status: i.status,
              decisions: i.decisions.map((d) => ({
                id: d.id, version: d.version, riskLevel: d.riskLevel, pathway: d.pathway, leadAgency: d.leadAgency?.code ?? null,
                rationale: d.rationale, dissent: d.dissent, decidedAt: d.decidedAt.toISOString(), superseded: d.supersededAt !== null,
              })),
            })),
          actions: c.actions.map(toAction),
        };
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
          data: { status: body.status, ...(body.outcomeNote !== undefined && { outcomeNote: body.outcomeNote }) },
          select: actionSelect,
        });
        await ctx.audit.record({
          actorId: actorId(p), actorLabel: actorLabel(p), action: 'action.update', subjectType: 'Action', subjectId: action.id,
          details: { from: action.status, to: body.status },
        });
        return toAction(updated);
      },
    }),
  ];
}
