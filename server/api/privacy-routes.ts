import { z } from 'zod';
import { CorrectionDecision, CorrectionRequestBody, CorrectionView, HiddenName, HiddenNameRequest, PrivacyReport, PrivacyReportQuery } from '../../shared/api/privacy.js';
import { Reach } from '../access/reach.js';
import { requireStaffRole } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { notFound } from '../domain/domain-error.js';
import { sha256Of } from '../exports/minutes-versions.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { sendFile } from '../http/send-file.js';
import { decideCorrection, listCorrections, recordCorrectionRequest } from '../privacy/corrections.js';
import { setHiddenName } from '../privacy/hidden-name.js';
import { privacyPdf } from '../privacy/privacy-pdf.js';
import { buildPrivacyReport } from '../privacy/privacy-report.js';

const IdParams = z.object({ id: z.uuid() });

export function privacyRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  /** A staff member in one of `roles` who reaches the person (else 403, or 404 as if there were none; both audited). */
  async function personFor(principal: Principal | undefined, roles: readonly ('CHAIR' | 'COORDINATOR' | 'AUDITOR')[], personId: string | null, op: string, what = 'Person') {
    const p = await requireStaffRole(ctx.audit, principal, roles, { action: 'access.refused', subjectType: 'Person', subjectId: personId, details: { op } });
    if (personId === null || !(await reach.person(p, personId, op))) throw notFound(what);
    return p;
  }

  return [
    defineRoute({
      method: 'put', path: '/people/:id/hidden-name', tag: 'privacy', access: ['CHAIR', 'COORDINATOR'],
      summary: "Hides a person's name (with the reason) or shows it again: at once in the meeting room, case pages, searches and exports",
      params: IdParams, body: HiddenNameRequest, response: HiddenName, errors: { 404: 'Person not found' },
      handler: async ({ principal, params, body }) => setHiddenName(ctx, await personFor(principal, ['CHAIR', 'COORDINATOR'], params.id, 'person.hidden-name'), params.id, body),
    }),
    defineRoute({
      method: 'get', path: '/people/:id/privacy-report', tag: 'privacy', access: ['AUDITOR'],
      summary: "Everything held about a person, for a privacy request (JSON or PDF), with other people's details withheld and each withholding marked; audited with the output's sha256",
      params: IdParams, query: PrivacyReportQuery, response: PrivacyReport, produces: ['application/pdf'], errors: { 404: 'Person not found' },
      handler: async ({ principal, params, query, res }) => {
        const p = await personFor(principal, ['AUDITOR'], params.id, 'privacy.report');
        const report = await buildPrivacyReport(ctx.db, params.id, query.requestRef, actorLabel(p));
        const body = query.format === 'pdf' ? await privacyPdf(report) : Buffer.from(JSON.stringify(report));
        await ctx.audit.record({
          actorId: actorId(p), actorLabel: actorLabel(p), action: 'privacy.report', subjectType: 'Person', subjectId: params.id,
          details: { requestRef: query.requestRef, format: query.format, sha256: sha256Of(body), withholdings: report.withholdings.length },
        });
        if (query.format === 'json') return report;
        sendFile(res, 'application/pdf', `privacy-request-${query.requestRef.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`, body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post', path: '/people/:id/corrections', tag: 'privacy', access: ['AUDITOR'], status: 201,
      summary: 'Records a request to correct what is held about a person: the change asked for, received now',
      params: IdParams, body: CorrectionRequestBody, response: CorrectionView, errors: { 404: 'Person not found' },
      handler: async ({ principal, params, body }) => recordCorrectionRequest(ctx, await personFor(principal, ['AUDITOR'], params.id, 'privacy.correction'), params.id, body),
    }),
    defineRoute({
      method: 'get', path: '/people/:id/corrections', tag: 'privacy', access: ['AUDITOR'],
      summary: "A person's correction requests, with their decisions and any statement of correction",
      params: IdParams, response: z.array(CorrectionView), errors: { 404: 'Person not found' },
      handler: async ({ principal, params }) => {
        await personFor(principal, ['AUDITOR'], params.id, 'privacy.corrections');
        return listCorrections(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'post', path: '/corrections/:id/decision', tag: 'privacy', access: ['AUDITOR'],
      summary: "Decides a correction request: corrects the person's record (every meeting document follows at once), or declines it and attaches their statement of correction",
      params: IdParams, body: CorrectionDecision, response: CorrectionView, errors: { 404: 'Correction request not found', 409: 'Already decided' },
      handler: async ({ principal, params, body }) => {
        const request = await ctx.db.correctionRequest.findUnique({ where: { id: params.id }, select: { personId: true } });
        // A request reaches as far as its person: another site's answers like one that does not exist.
        const p = await personFor(principal, ['AUDITOR'], request?.personId ?? null, 'privacy.correction-decision', 'Correction request');
        return decideCorrection(ctx, p, params.id, body);
      },
    }),
  ];
}
