import { z } from 'zod';
import { CreateMeetingRequest, MeetingDetail, MeetingListQuery, MeetingSummary, Site } from '../../shared/api/meetings.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { AppContext } from '../app-context.js';
import { confidentialityOf } from '../access/confidentiality.js';
import { Reach } from '../access/reach.js';
import { meetingScope, siteScope } from '../access/site-scope.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { Prisma } from '../db/client.js';
import { notFound } from '../domain/domain-error.js';
import { HttpError } from '../http/errors.js';
import { carryOverInto } from '../records/carry-over.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const IdParams = z.object({ id: z.uuid() });

const summarySelect = {
  id: true, siteId: true, date: true, kind: true, status: true,
  site: { select: { name: true } },
  _count: { select: { agendaItems: true } },
} as const;

type SummaryRow = Prisma.MeetingGetPayload<{ select: typeof summarySelect }>;

function toSummary(m: SummaryRow): MeetingSummary {
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
          select: summarySelect,
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
        const row = await ctx.db.meeting.findUnique({ where: { id: params.id }, select: summarySelect });
        if (!row) throw notFound('Meeting');
        return { ...toSummary(row), confidentiality: await confidentialityOf(ctx.db, principal!, row) };
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
        try {
          const row = await ctx.db.meeting.create({ data: { siteId: body.siteId, date: dateColumn(body.date), kind: body.kind }, select: summarySelect });
          await ctx.audit.record({ actorId: actorId(principal!), actorLabel: actorLabel(principal!), action: 'meeting.create', subjectType: 'Meeting', subjectId: row.id, meetingId: row.id });
          // Families deferred or with unfinished actions start on the new list.
          const carried = await carryOverInto(ctx.db, row.id);
          return toSummary({ ...row, _count: { agendaItems: row._count.agendaItems + carried.length } });
        } catch (err) {
          if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
            throw new HttpError(409, 'MEETING_EXISTS', `A ${body.kind} meeting already exists for this site on ${body.date}`);
          }
          throw err;
        }
      },
    }),
  ];
}
