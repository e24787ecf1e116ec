import { z } from 'zod';
import { CaseAction, CaseHistory, DisclosureRecord, DisclosureRequest, UpdateActionRequest } from '../../shared/api/records.js';
import type { AppContext } from '../app-context.js';
import { viewerOf } from '../access/need-to-know.js';
import { Reach } from '../access/reach.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { forbidden, notFound } from '../domain/domain-error.js';
import { caseRecordPdf } from '../exports/case-record-pdf.js';
import { fileSlug } from '../exports/file-names.js';
import { sha256Of } from '../exports/minutes-versions.js';
import { viewerStamp } from '../exports/watermark.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { sendFile } from '../http/send-file.js';
import { updateActionRecord } from '../records/action-update.js';
import { loadCaseHistory } from '../records/case-history.js';
import { recordDisclosure } from '../records/disclosure.js';

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
      method: 'get', path: '/cases/:id/record.pdf', tag: 'records', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: "A family's whole record as a PDF, watermarked for the requester: for its lead agency, the chair and the coordinator",
      params: IdParams,
      produces: ['application/pdf'],
      errors: { 403: 'Not the lead agency', 404: 'Case not found' },
      handler: async ({ params, principal, res }) => {
        const p = principal!;
        if (p.kind === 'invitee') throw forbidden('Sign in with a staff account to export a record');
        if (!(await reach.case(p, params.id, 'case.export'))) throw notFound('Case');
        const lead = await ctx.db.case.findUniqueOrThrow({ where: { id: params.id }, select: { leadAgencyId: true, site: { select: { training: true } } } });
        if (p.role === 'REP' && lead.leadAgencyId !== p.agency.id) {
          await ctx.audit.record({ actorId: actorId(p), actorLabel: actorLabel(p), action: 'export.refused', subjectType: 'Case', subjectId: params.id, details: { export: 'case-record', reason: 'not the lead agency' } });
          throw forbidden('Only the lead agency, the chair and the coordinator export the whole record');
        }
        const record = await loadCaseHistory(ctx.db, params.id, viewerOf(p), p.role === 'CHAIR' || p.role === 'COORDINATOR');
        if (record?.detail !== 'full') throw notFound('Case');
        const now = new Date();
        const body = await caseRecordPdf(record, viewerStamp(p, now, lead.site));
        await ctx.audit.record({
          actorId: actorId(p), actorLabel: actorLabel(p), action: 'export.case-record', subjectType: 'Case', subjectId: record.id,
          details: { sha256: sha256Of(body) },
        });
        sendFile(res, 'application/pdf', `whanau-record-${fileSlug(record.reference)}.pdf`, body);
        return undefined;
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
        return updateActionRecord(ctx, p, params.id, body);
      },
    }),
  ];
}
