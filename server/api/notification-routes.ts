import { z } from 'zod';
import { NotificationList, OutboxEntry, OutboxQuery } from '../../shared/api/notifications.js';
import type { AppContext } from '../app-context.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { Principal } from '../auth/principal.js';
import { forbidden, notFound } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { listOutboxEntries } from '../reminders/outbox-entries.js';

const IdParams = z.object({ id: z.uuid() });
const LIST_LIMIT = 50;

/** Reminders go to an agency at a site: staff see their own agency's at their own site. */
function staffOnly(p: Principal | undefined): StaffPrincipal {
  if (p?.kind !== 'staff') throw forbidden('Sign in with a staff account to see reminders');
  return p;
}

const mine = (p: StaffPrincipal) => ({ agencyId: p.agency.id, siteId: p.siteId });

export function notificationRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/notifications', tag: 'reminders', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: "Reminders to the requester's agency at their site (daily digests, new actions), newest first, and how many they have not read",
      response: NotificationList,
      handler: async ({ principal }) => {
        const p = staffOnly(principal);
        const rows = await ctx.db.notification.findMany({
          where: mine(p), orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: LIST_LIMIT,
          select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, reads: { where: { userId: p.userId }, select: { userId: true } } },
        });
        const unread = await ctx.db.notification.count({ where: { ...mine(p), reads: { none: { userId: p.userId } } } });
        return {
          unread,
          items: rows.map(({ reads, createdAt, ...n }) => ({ ...n, createdAt: createdAt.toISOString(), read: reads.length > 0 })),
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/notifications/:id/read', tag: 'reminders', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: 'Marks one reminder read for the requester',
      params: IdParams,
      errors: { 404: 'Reminder not found' },
      handler: async ({ params, principal }) => {
        const p = staffOnly(principal);
        const found = await ctx.db.notification.findFirst({ where: { id: params.id, ...mine(p) }, select: { id: true } });
        if (!found) throw notFound('Reminder');
        await ctx.db.notificationRead.upsert({
          where: { notificationId_userId: { notificationId: found.id, userId: p.userId } },
          create: { notificationId: found.id, userId: p.userId }, update: {},
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'post', path: '/notifications/read-all', tag: 'reminders', access: ['CHAIR', 'COORDINATOR', 'REP'],
      summary: "Marks every reminder to the requester's agency read for the requester",
      handler: async ({ principal }) => {
        const p = staffOnly(principal);
        const unread = await ctx.db.notification.findMany({ where: { ...mine(p), reads: { none: { userId: p.userId } } }, select: { id: true } });
        await ctx.db.notificationRead.createMany({ data: unread.map((n) => ({ notificationId: n.id, userId: p.userId })), skipDuplicates: true });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/reminders/outbox', tag: 'reminders', access: ['CHAIR', 'COORDINATOR'],
      summary: "Reminder emails of the requester's site by status (FAILED by default: those whose attempts ran out), for the people who run the site",
      query: OutboxQuery,
      response: z.array(OutboxEntry),
      handler: async ({ query, principal }) => {
        const p = staffOnly(principal);
        return listOutboxEntries(ctx.db, { status: query.status, notification: { siteId: p.siteId } });
      },
    }),
  ];
}
