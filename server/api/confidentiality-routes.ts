import { z } from 'zod';
import { AcknowledgeConfidentialityRequest, ConfidentialityState } from '../../shared/api/confidentiality.js';
import type { AppContext } from '../app-context.js';
import { acknowledgeConfidentiality, MeetingClosed, MeetingUnavailable, NotAParticipant } from '../access/confidentiality.js';
import { Reach } from '../access/reach.js';
import { conflict, forbidden, notFound } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const IdParams = z.object({ id: z.uuid() });

export function confidentialityRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'post', path: '/meetings/:id/confidentiality', tag: 'meetings',
      // Everyone who can enter a meeting; auditors never do.
      access: ['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER'],
      summary: 'Acknowledges the confidentiality statement for a meeting in preparation or live, once; until then its document and control connection refuse this person',
      params: IdParams,
      body: AcknowledgeConfidentialityRequest,
      response: ConfidentialityState,
      errors: { 404: 'Meeting not found', 409: 'The meeting is closed: its record opens without a statement' },
      handler: async ({ params, principal }) => {
        // Before anything is written: acknowledging is what puts a person in a meeting's attendance.
        if (!(await reach.meeting(principal!, params.id, 'confidentiality'))) throw notFound('Meeting');
        try {
          return await acknowledgeConfidentiality(ctx.db, ctx.audit, principal!, params.id);
        } catch (err) {
          if (err instanceof MeetingUnavailable) throw notFound('Meeting');
          if (err instanceof MeetingClosed) throw conflict('MEETING_CLOSED', 'This meeting is closed: its record opens without the statement');
          if (err instanceof NotAParticipant) throw forbidden('The chair removed you from this meeting');
          throw err;
        }
      },
    }),
  ];
}
