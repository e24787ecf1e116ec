import { z } from 'zod';
import { HiddenName, HiddenNameRequest } from '../../shared/api/privacy.js';
import { Reach } from '../access/reach.js';
import { requireStaffRole } from '../access/require-role.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { setHiddenName } from '../privacy/hidden-name.js';

const IdParams = z.object({ id: z.uuid() });

export function privacyRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'put', path: '/people/:id/hidden-name', tag: 'privacy', access: ['CHAIR', 'COORDINATOR'],
      summary: "Hides a person's name (with the reason) or shows it again: at once in the meeting room, case pages, searches and exports",
      params: IdParams, body: HiddenNameRequest, response: HiddenName, errors: { 404: 'Person not found' },
      handler: async ({ principal, params, body }) => {
        const p = await requireStaffRole(ctx.audit, principal, ['CHAIR', 'COORDINATOR'], { action: 'access.refused', subjectType: 'Person', subjectId: params.id, details: { op: 'person.hidden-name' } });
        if (!(await reach.person(p, params.id, 'person.hidden-name'))) throw notFound('Person');
        return setHiddenName(ctx, p, params.id, body);
      },
    }),
  ];
}
