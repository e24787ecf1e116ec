import { z } from 'zod';
import { LedFamily, WorkAction } from '../../shared/api/work.js';
import type { AppContext } from '../app-context.js';
import { forbidden } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { agencyActions, ledFamilies } from '../records/work-list.js';

const WORKERS = ['CHAIR', 'COORDINATOR', 'REP'] as const;

/** The home page's work between meetings: the requester's agency's actions and the families it leads. */
export function workRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/work/actions', tag: 'records', access: WORKERS,
      summary: "The requester's agency's actions at their site: every one not done, and those finished in the last 14 days",
      response: z.array(WorkAction),
      handler: async ({ principal }) => {
        // The work list is staff work between meetings; an invitee's access is one meeting.
        if (principal!.kind !== 'staff') throw forbidden('Sign in with a staff account to see your agency’s work');
        return agencyActions(ctx.db, principal!);
      },
    }),
    defineRoute({
      method: 'get', path: '/work/families', tag: 'records', access: WORKERS,
      summary: "Families at the requester's site that their agency leads and that are not closed",
      response: z.array(LedFamily),
      handler: async ({ principal }) => {
        if (principal!.kind !== 'staff') throw forbidden('Sign in with a staff account to see your agency’s work');
        return ledFamilies(ctx.db, principal!);
      },
    }),
  ];
}
