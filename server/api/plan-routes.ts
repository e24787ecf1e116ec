import { z } from 'zod';
import { CompareQuery, PlanComparison, PlanVersionDetail, PlanVersionSummary } from '../../shared/api/plan.js';
import type { AppContext } from '../app-context.js';
import { requirePlanAccess } from '../access/plan-gate.js';
import { Reach } from '../access/reach.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { forbidden } from '../domain/domain-error.js';
import { fileSlug } from '../exports/file-names.js';
import { sha256Of } from '../exports/minutes-versions.js';
import { planDocx } from '../exports/plan-docx.js';
import { planPdf } from '../exports/plan-pdf.js';
import { viewerStamp } from '../exports/watermark.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { sendFile } from '../http/send-file.js';
import { comparePlanVersions, listPlanVersions, readPlan, readPlanVersion } from '../records/plan-versions.js';

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
const IdParams = z.object({ id: z.uuid() });
const VersionParams = z.object({ id: z.uuid(), versionId: z.uuid() });
/** Staff working with the family; an invitee's world is one meeting, and auditors and administrators never open a plan. */
const PLAN_ROLES = ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER'] as const;

export function planRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'get', path: '/cases/:id/plan/versions', tag: 'plan', access: [...PLAN_ROLES],
      summary: "The family safety plan's versions, newest first: one per decision about the family",
      params: IdParams,
      response: z.array(PlanVersionSummary),
      errors: { 403: 'Your agency does not work with this family', 404: 'Case not found' },
      handler: async ({ params, principal }) => {
        await requirePlanAccess(ctx.db, reach, principal, params.id, 'plan.versions');
        return listPlanVersions(ctx.db, params.id);
      },
    }),
    defineRoute({
      method: 'get', path: '/cases/:id/plan/versions/:versionId', tag: 'plan', access: [...PLAN_ROLES],
      summary: "One version of the plan; the victim's voice and safe contact only for the lead agency and the victim specialist",
      params: VersionParams,
      response: PlanVersionDetail,
      errors: { 403: 'Your agency does not work with this family', 404: 'Case or version not found' },
      handler: async ({ params, principal }) => {
        const { seesPrivate } = await requirePlanAccess(ctx.db, reach, principal, params.id, 'plan.version');
        return readPlanVersion(ctx.db, params.id, params.versionId, seesPrivate);
      },
    }),
    defineRoute({
      method: 'get', path: '/cases/:id/plan/compare', tag: 'plan', access: [...PLAN_ROLES],
      summary: 'Two versions of the plan compared field by field',
      params: IdParams,
      query: CompareQuery,
      response: PlanComparison,
      errors: { 400: 'from or to is not a version id', 403: 'Your agency does not work with this family', 404: 'Case or version not found' },
      handler: async ({ params, query, principal }) => {
        const { seesPrivate } = await requirePlanAccess(ctx.db, reach, principal, params.id, 'plan.compare');
        return comparePlanVersions(ctx.db, params.id, query.from, query.to, seesPrivate);
      },
    }),
    ...(['pdf', 'docx'] as const).map((format) => defineRoute({
      method: 'get', path: `/cases/:id/plan.${format}`, tag: 'plan', access: [...PLAN_ROLES],
      summary: `The family safety plan as it stands, as ${format === 'pdf' ? 'a PDF' : 'a Word document'}, watermarked for the requester: for the lead agency`,
      params: IdParams,
      produces: [CONTENT_TYPES[format]],
      errors: { 403: 'Not the lead agency', 404: 'Case not found' },
      handler: async ({ params, principal, res }) => {
        const { principal: p } = await requirePlanAccess(ctx.db, reach, principal, params.id, 'plan.export');
        const family = await ctx.db.case.findUniqueOrThrow({ where: { id: params.id }, select: { reference: true, leadAgency: { select: { id: true, name: true } }, site: { select: { training: true } } } });
        const audit = { actorId: actorId(p), actorLabel: actorLabel(p), subjectType: 'Case', subjectId: params.id } as const;
        if (family.leadAgency?.id !== p.agency.id) {
          await ctx.audit.record({ ...audit, action: 'export.refused', details: { export: `plan.${format}`, reason: 'not the lead agency' } });
          throw forbidden('Only the lead agency exports the safety plan');
        }
        const [plan, agencies] = await Promise.all([readPlan(ctx.docs.withDoc, params.id), ctx.db.agency.findMany({ select: { code: true, name: true } })]);
        const names = new Map(agencies.map((a) => [a.code, a.name]));
        const now = new Date();
        const model = { reference: family.reference, leadAgency: family.leadAgency.name, asAt: now, ...plan };
        const render = format === 'pdf' ? planPdf : planDocx;
        const body = await render(model, viewerStamp(p, now, family.site), (code) => names.get(code) ?? code);
        await ctx.audit.record({ ...audit, action: `export.plan`, details: { format, sha256: sha256Of(body) } });
        sendFile(res, CONTENT_TYPES[format], `safety-plan-${fileSlug(family.reference)}.${format}`, body);
        return undefined;
      },
    })),
  ];
}
