import { z } from 'zod';
import { AssessmentRecord, ItemAssessments, NewAssessment } from '../../shared/api/assessments.js';
import type { AppContext } from '../app-context.js';
import { Reach } from '../access/reach.js';
import { notFound } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { addItemAssessment, listItemAssessments } from '../records/item-assessments.js';

const ItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const ROLES = ['CHAIR', 'COORDINATOR', 'REP'] as const;

/** Structured risk assessments on a meeting's item: the meeting's participants read and add them. */
export function assessmentRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  const inReach = async (principal: Parameters<Reach['meeting']>[0], meetingId: string, op: string) => {
    const meeting = await reach.meeting(principal, meetingId, op);
    if (!meeting || (principal.kind === 'invitee' && !principal.admitted)) throw notFound('Meeting');
    return meeting;
  };
  return [
    defineRoute({
      method: 'get', path: '/meetings/:id/items/:itemId/assessments', tag: 'records', access: [...ROLES],
      summary: "The structured risk assessments of the item's family, and the checklists an agency may score",
      params: ItemParams,
      response: ItemAssessments,
      errors: { 404: 'Meeting or item not found' },
      handler: async ({ params, principal }) => {
        await inReach(principal!, params.id, 'assessment.view');
        return listItemAssessments(ctx, params.id, params.itemId);
      },
    }),
    defineRoute({
      method: 'post', path: '/meetings/:id/items/:itemId/assessments', tag: 'records', access: [...ROLES],
      summary: "Adds the caller's agency's assessment of the item's family: a configured checklist, scored into a band, or professional judgement with its factors",
      params: ItemParams,
      body: NewAssessment,
      response: AssessmentRecord,
      status: 201,
      errors: { 400: 'A field is invalid (named)', 403: 'Not a participant', 404: 'Meeting or item not found', 409: 'Meeting closed' },
      handler: async ({ params, body, principal }) => {
        const meeting = await inReach(principal!, params.id, 'assessment.add');
        return addItemAssessment(ctx, principal!, meeting, params.itemId, body);
      },
    }),
  ];
}
