import { z } from 'zod';
import { CreateMeetingRequest, MeetingDetail, MeetingListQuery, MeetingSummary, Site } from '../../shared/api/meetings.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { AppContext } from '../app-context.js';
import { confidentialityOf } from '../access/confidentiality.js';
import { Reach } from '../access/reach.js';
import { meetingScope, siteScope } from '../access/site-scope.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { notFound } from '../domain/domain-error.js';
import { createMeeting, meetingSummarySelect, type MeetingSummaryRow } from '../calendar/create-meeting.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const IdParams = z.object({ id: z.uuid() });

function toSummary(m: MeetingSummaryRow): MeetingSummary {
  return {
    id: m.id, siteId: m.siteId, siteName: m.site.name, date: isoDateOf(m.date), kind: m.kind,
    status: m.status, itemCount: m._count.agendaItems,
  };
}

export function meetingRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'get', path: '/sites', tag: 'meetings', access: 'signed-in',
      summary: "ISR sites the requester works in: their own, or every site for a national role",
      response: z.array(Site),
      handler: async ({ principal }) =>
        ctx.db.site.findMany({ where: siteScope(principal!), select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } }),
    }),
    defineRoute({
      method: 'get', path: '/meetings', tag: 'meetings', access: 'signed-in',
      summary: "Meetings of the requester's site (every site for a national role), optionally for one site and one date, or from a date on, soonest first (Pacific/Auckland)",
      query: MeetingListQuery,
      response: z.array(MeetingSummary),
      handler: async ({ query, principal }) => {
        const rows = await ctx.db.meeting.findMany({
          where: {
            AND: [meetingScope(principal!), {
              ...(query.siteId && { siteId: query.siteId }),
              ...(query.date && { date: dateColumn(query.date) }),
            }, query.from ? { date: { gte: dateColumn(query.from) } } : {}],
          },
          select: meetingSummarySelect,
          orderBy: [{ date: query.from ? 'asc' : 'desc' }, { kind: 'asc' }],
          take: 200,
        });
        return rows.map(toSummary);
      },
    }),
    defineRoute({
      method: 'get', path: '/meetings/:id', tag: 'meetings', access: 'signed-in',
      summary: 'One meeting, and whether the requester must acknowledge the confidentiality statement before it opens',
      params: IdParams,
      response: MeetingDetail,
      errors: { 404: 'Meeting not found' },
      handler: async ({ params, principal }) => {
        if (!(await reach.meeting(principal!, params.id, 'meeting.view'))) throw notFound('Meeting');
        const row = await ctx.db.meeting.findUnique({ where: { id: params.id }, select: meetingSummarySelect });
        if (!row) throw notFound('Meeting');
        const confidentiality = await confidentialityOf(ctx.db, principal!, row);
        // The room connects to the meeting's document next: its load starts now.
        if (!confidentiality.required) ctx.docs.warm({ kind: 'meeting', meetingId: row.id });
        return { ...toSummary(row), confidentiality };
      },
    }),
    defineRoute({
      method: 'post', path: '/meetings', tag: 'meetings', access: ['CHAIR', 'COORDINATOR'],
      summary: "Creates a meeting for the requester's site and a date",
      body: CreateMeetingRequest,
      response: MeetingSummary,
      status: 201,
      errors: { 404: 'Site not found', 409: 'A meeting of this kind already exists for the site and date' },
      handler: async ({ body, principal }) => {
        if (!(await reach.site(principal!, body.siteId, 'meeting.create'))) throw notFound('Site');
        return toSummary(await createMeeting(ctx, body, { id: actorId(principal!), label: actorLabel(principal!) }));
      },
    }),
  ];
}
