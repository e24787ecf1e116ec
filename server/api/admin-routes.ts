import type { Request } from 'express';
import { z } from 'zod';
import {
  AdminAgency, AdminSite, AdminUser, CreateAgencyRequest, CreateSiteRequest, CreatedUser, CreateUserRequest, ScheduleRequest,
  SetupLink, TrainingReset, UpdateAgencyRequest, UpdateUserRequest, SiteQuery, UserSession,
} from '../../shared/api/admin.js';
import { OutboxEntry } from '../../shared/api/notifications.js';
import { AdminAccess, byAdmin } from '../admin/admin-access.js';
import { createAgency, listAgencies, updateAgency } from '../admin/agencies.js';
import { listEmailTrouble, retryEmail } from '../admin/email-delivery.js';
import { createSite, listSites, setSchedule, toAdminSite } from '../admin/sites.js';
import { createTrainingSite, resetTrainingSite } from '../admin/training-site.js';
import { createStaff, enableStaff, listStaff, toAdminUser, updateStaff } from '../admin/staff.js';
import { listUserSessions, revokeUserSession } from '../admin/user-sessions.js';
import type { AppContext } from '../app-context.js';
import { disableUser } from '../auth/disable-user.js';
import { issuePasswordLink } from '../auth/password-links.js';
import { resetSecondFactor } from '../auth/second-factor.js';
import { conflict } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

const IdParams = z.object({ id: z.uuid() });
const SessionParams = z.object({ id: z.uuid(), sessionId: z.uuid() });

/** Where people open the app: PUBLIC_URL when set, else the address this request came to. */
export const publicBase = (ctx: AppContext, req: Request) => ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.host}`;

export function adminRoutes(ctx: AppContext): AnyRoute[] {
  const admin = new AdminAccess(ctx.db, ctx.audit);

  // The token rides in the fragment, which browsers never send to a server or in a Referer.
  async function setupLink(req: Request, userId: string, purpose: 'SETUP' | 'RESET') {
    const { token, expiresAt } = await issuePasswordLink(ctx.db, userId, purpose);
    return { url: `${publicBase(ctx, req)}/password#${token}`, expiresAt: expiresAt.toISOString() };
  }

  return [
    defineRoute({
      method: 'get', path: '/admin/sites', tag: 'admin', access: 'signed-in',
      summary: "Sites an administrator runs, with their meeting schedule: their own, or every site for a national administrator",
      response: z.array(AdminSite),
      handler: async ({ principal }) => listSites(ctx.db, await admin.require(principal, 'sites.list')),
    }),
    defineRoute({
      method: 'post', path: '/admin/sites', tag: 'admin', access: 'signed-in', status: 201,
      summary: 'Adds a site (national administrators)',
      body: CreateSiteRequest, response: AdminSite, errors: { 409: 'A site with that code exists' },
      handler: async ({ principal, body }) => toAdminSite(await createSite(ctx, await admin.requireNational(principal, 'sites.create'), body)),
    }),
    defineRoute({
      method: 'post', path: '/admin/training-sites', tag: 'admin', access: 'signed-in', status: 201,
      summary: "Adds a training site filled with synthetic whānau and a day's list (national administrators); it is marked TRAINING everywhere and never counted with live sites",
      body: CreateSiteRequest, response: AdminSite, errors: { 409: 'A site with that code exists' },
      handler: async ({ principal, body }) => toAdminSite((await createTrainingSite(ctx, await admin.requireNational(principal, 'sites.create_training'), body)).site),
    }),
    defineRoute({
      method: 'post', path: '/admin/sites/:id/training-reset', tag: 'admin', access: 'signed-in',
      summary: 'Puts a training site back to its starting state in one action: its meetings, families and records are replaced by the starting day; its staff stay',
      params: IdParams, response: TrainingReset, errors: { 404: 'Site not found', 409: 'Not a training site' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'sites.training_reset');
        return resetTrainingSite(ctx, p, await admin.site(p, params.id, 'sites.training_reset'));
      },
    }),
    defineRoute({
      method: 'put', path: '/admin/sites/:id/schedule', tag: 'admin', access: 'signed-in',
      summary: "Sets a site's daily SAM time and weekly ICM review day",
      params: IdParams, body: ScheduleRequest, response: AdminSite, errors: { 404: 'Site not found' },
      handler: async ({ principal, params, body }) => {
        const p = await admin.require(principal, 'sites.schedule');
        return setSchedule(ctx, p, await admin.site(p, params.id, 'sites.schedule'), body);
      },
    }),
    defineRoute({
      method: 'get', path: '/admin/agencies', tag: 'admin', access: 'signed-in',
      summary: 'Every agency, active or not',
      response: z.array(AdminAgency),
      handler: async ({ principal }) => {
        await admin.require(principal, 'agencies.list');
        return listAgencies(ctx.db);
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/agencies', tag: 'admin', access: 'signed-in', status: 201,
      summary: 'Adds an agency (national administrators: agencies are the same at every site)',
      body: CreateAgencyRequest, response: AdminAgency, errors: { 409: 'An agency with that code exists' },
      handler: async ({ principal, body }) => createAgency(ctx, await admin.requireNational(principal, 'agencies.create'), body),
    }),
    defineRoute({
      method: 'patch', path: '/admin/agencies/:id', tag: 'admin', access: 'signed-in',
      summary: "Renames an agency, changes its kind, or makes it inactive or active (national administrators)",
      params: IdParams, body: UpdateAgencyRequest, response: AdminAgency, errors: { 404: 'Agency not found' },
      handler: async ({ principal, params, body }) => updateAgency(ctx, await admin.requireNational(principal, 'agencies.update'), params.id, body),
    }),
    defineRoute({
      method: 'get', path: '/admin/users', tag: 'admin', access: 'signed-in',
      summary: "A site's staff accounts (the administrator's own site unless siteId names another they reach)",
      query: SiteQuery, response: z.array(AdminUser), errors: { 404: 'Site not found' },
      handler: async ({ principal, query }) => {
        const p = await admin.require(principal, 'users.list');
        const site = await admin.site(p, query.siteId ?? p.siteId, 'users.list');
        return listStaff(ctx.db, site.id);
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users', tag: 'admin', access: 'signed-in', status: 201,
      summary: 'Adds a staff account and returns its one-time set-up link (shown once)',
      body: CreateUserRequest, response: CreatedUser, errors: { 404: 'Site not found', 409: 'An account with that email exists' },
      handler: async ({ req, principal, body }) => {
        const p = await admin.require(principal, 'users.create');
        await admin.site(p, body.siteId, 'users.create');
        const user = await createStaff(ctx, p, body);
        return { user, setupLink: await setupLink(req, user.id, 'SETUP') };
      },
    }),
    defineRoute({
      method: 'patch', path: '/admin/users/:id', tag: 'admin', access: 'signed-in',
      summary: "Changes a staff account's name, agency, role or site",
      params: IdParams, body: UpdateUserRequest, response: AdminUser, errors: { 404: 'User or site not found' },
      handler: async ({ principal, params, body }) => {
        const p = await admin.require(principal, 'users.update');
        const user = await admin.user(p, params.id, 'users.update');
        if (body.siteId) await admin.site(p, body.siteId, 'users.update');
        return updateStaff(ctx, p, user, body);
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users/:id/disable', tag: 'admin', access: 'signed-in',
      summary: 'Disables a staff account: it cannot sign in, and its sessions and live connections end at once',
      params: IdParams, response: AdminUser, errors: { 404: 'User not found', 409: 'Administrators cannot disable themselves' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'users.disable');
        const user = await admin.user(p, params.id, 'users.disable');
        if (user.id === p.userId) throw conflict('OWN_ACCOUNT', 'You cannot disable your own account');
        await disableUser(ctx, user.id, byAdmin(p));
        return toAdminUser(await admin.user(p, params.id, 'users.disable'));
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users/:id/enable', tag: 'admin', access: 'signed-in',
      summary: 'Lets a disabled staff account sign in again',
      params: IdParams, response: AdminUser, errors: { 404: 'User not found' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'users.enable');
        return enableStaff(ctx, p, await admin.user(p, params.id, 'users.enable'));
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users/:id/password-link', tag: 'admin', access: 'signed-in',
      summary: 'A new one-time link for the person to set their password (any earlier link stops working)',
      params: IdParams, response: SetupLink, errors: { 404: 'User not found' },
      handler: async ({ req, principal, params }) => {
        const p = await admin.require(principal, 'users.password_link');
        const user = await admin.user(p, params.id, 'users.password_link');
        const purpose = user.passwordHash ? 'RESET' : 'SETUP';
        const link = await setupLink(req, user.id, purpose);
        await ctx.audit.record({ ...byAdmin(p), action: 'user.password_link', subjectType: 'User', subjectId: user.id, details: { purpose } });
        return link;
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users/:id/second-factor/reset', tag: 'admin', access: 'signed-in',
      summary: "Removes a staff account's authenticator app (they lost it); they set one up again at their next sign-in",
      params: IdParams, response: AdminUser, errors: { 404: 'User not found' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'users.second_factor_reset');
        const user = await admin.user(p, params.id, 'users.second_factor_reset');
        await resetSecondFactor(ctx, p, user);
        return toAdminUser(await admin.user(p, params.id, 'users.second_factor_reset'));
      },
    }),
    defineRoute({
      method: 'get', path: '/admin/users/:id/sessions', tag: 'admin', access: 'signed-in',
      summary: "A staff account's live sessions",
      params: IdParams, response: z.array(UserSession), errors: { 404: 'User not found' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'sessions.list');
        return listUserSessions(ctx.db, (await admin.user(p, params.id, 'sessions.list')).id);
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/users/:id/sessions/:sessionId/revoke', tag: 'admin', access: 'signed-in',
      summary: 'Ends one session of a staff account and closes its live connections',
      params: SessionParams, errors: { 404: 'User or session not found' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'sessions.revoke');
        await revokeUserSession(ctx, p, (await admin.user(p, params.id, 'sessions.revoke')).id, params.sessionId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/admin/emails', tag: 'admin', access: 'signed-in',
      summary: "A site's reminder emails that did not go: failed (their tries ran out) or waiting to be tried again, newest first",
      query: SiteQuery, response: z.array(OutboxEntry), errors: { 404: 'Site not found' },
      handler: async ({ principal, query }) => {
        const p = await admin.require(principal, 'emails.list');
        return listEmailTrouble(ctx.db, (await admin.site(p, query.siteId ?? p.siteId, 'emails.list')).id);
      },
    }),
    defineRoute({
      method: 'post', path: '/admin/emails/:id/retry', tag: 'admin', access: 'signed-in',
      summary: 'Queues a failed reminder email to be sent again at once (one more try)',
      params: IdParams, response: OutboxEntry, errors: { 404: 'Email not found', 409: 'The email has not failed' },
      handler: async ({ principal, params }) => {
        const p = await admin.require(principal, 'emails.retry');
        return retryEmail(ctx, p, await admin.email(p, params.id, 'emails.retry'));
      },
    }),
  ];
}
