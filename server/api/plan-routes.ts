import { z } from 'zod';
import { CompareQuery, PlanComparison, PlanVersionDetail, PlanVersionSummary } from '../../shared/api/plan.js';
import type { AppContext } from '../app-context.js';
import { requirePlanAccess } from '../access/plan-gate.js';
import { Reach } from '../access/reach.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { comparePlanVersions, listPlanVersions, readPlanVersion } from '../records/plan-versions.js';

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
  ];
}
