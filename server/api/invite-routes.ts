import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { CreatedInvite, CreateInviteRequest, InviteSummary, JoinInfo, JoinRequest, JoinResult, LobbyState } from '../../shared/api/invites.js';
import type { AppContext } from '../app-context.js';
import { packWindowEnd } from '../access/after-close.js';
import { joinInfo, joinLobby, type Knock } from '../access/join.js';
import { createInvite, listInvites, revokeInvite } from '../access/invites.js';
import { lobbyStatusOf } from '../access/lobby-status.js';
import { Reach } from '../access/reach.js';
import { requireStaffRole } from '../access/require-role.js';
import type { Principal } from '../auth/principal.js';
import { readSessionToken } from '../auth/session-middleware.js';
import { conflict, forbidden, notFound, unauthenticated } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { setSessionCookie } from './auth-routes.js';

const IdParams = z.object({ id: z.uuid() });
// Any string is accepted here: a malformed token is answered like an unknown one.
const TokenParams = z.object({ token: z.string().max(200) });

const CHAIR = ['CHAIR'] as const;

const JOIN_REFUSALS = {
  404: 'INVITE_UNKNOWN: no such link',
  410: 'INVITE_EXPIRED, INVITE_REVOKED, INVITE_USED_UP or MEETING_CLOSED',
  429: 'Too many unknown links from this address',
};

// Guessing links: only unknown tokens count, 30 per address in 10 minutes. A 256-bit token can't
// be guessed anyway; this keeps the audit trail and the database from being flooded.
function guessLimiter() {
  return rateLimit({
    windowMs: 10 * 60 * 1000,
    limit: 30,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 404,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'Too many invalid links from this address. Wait a few minutes and try again.' } });
    },
  });
}

export function inviteRoutes(ctx: AppContext): AnyRoute[] {
  const limiter = guessLimiter();
  const reach = new Reach(ctx.db, ctx.audit);
  const knock = (ip: string | undefined): Knock => ({ ip: ip ?? 'unknown' });
  const chairOnly = (principal: Principal | undefined, meetingId: string | null, op: string, subjectId: string) =>
    requireStaffRole(ctx.audit, principal, CHAIR, {
      action: 'invite.refused', subjectType: meetingId ? 'Meeting' : 'Invite', subjectId, meetingId, details: { op },
    });

  return [
    defineRoute({
      method: 'post', path: '/meetings/:id/invites', tag: 'invites', access: 'signed-in',
      summary: 'Chair only: creates an invitation link for one agency and role. The link holds the token and is shown only here, once.',
      params: IdParams,
      body: CreateInviteRequest,
      response: CreatedInvite,
      status: 201,
      errors: { 404: 'Meeting not found', 409: 'The meeting is closed' },
      handler: async ({ req, params, body, principal }) => {
        const chair = await chairOnly(principal, params.id, 'create', params.id);
        if (!(await reach.meeting(chair, params.id, 'invite.create'))) throw notFound('Meeting');
        const { id, token } = await createInvite(ctx.db, ctx.audit, chair, params.id, body);
        return { id, url: `${req.protocol}://${req.host}/join/${token}` };
      },
    }),
    defineRoute({
      method: 'get', path: '/meetings/:id/invites', tag: 'invites', access: 'signed-in',
      summary: "Chair only: the meeting's invitation links (never their tokens), newest first",
      params: IdParams,
      response: z.array(InviteSummary),
      errors: { 404: 'Meeting not found' },
      handler: async ({ params, principal }) => {
        const chair = await chairOnly(principal, params.id, 'list', params.id);
        if (!(await reach.meeting(chair, params.id, 'invite.list'))) throw notFound('Meeting');
        return listInvites(ctx.db, params.id);
      },
    }),
    defineRoute({
      method: 'post', path: '/invites/:id/revoke', tag: 'invites', access: 'signed-in',
      summary: 'Chair only: stops a link working. Everyone who joined by it leaves the meeting (and its lobby) at once.',
      params: IdParams,
      response: InviteSummary,
      errors: { 404: 'Invite not found' },
      handler: async ({ params, principal }) => {
        const chair = await chairOnly(principal, null, 'revoke', params.id);
        if (!(await reach.invite(chair, params.id, 'invite.revoke'))) throw notFound('Invite');
        const { invite, meetingId, removed } = await revokeInvite(ctx.db, ctx.audit, chair, params.id);
        await Promise.all(removed.map((id) => ctx.access.end({ kind: 'participant', id }, 'The chair withdrew the invitation you joined by')));
        if (removed.length > 0) await ctx.control.lobbyChanged(meetingId);
        return invite;
      },
    }),
    defineRoute({
      method: 'get', path: '/join/:token', tag: 'invites', access: 'public',
      summary: "What an invitation link is for: the meeting's site and date, the agency and role — nothing about families",
      params: TokenParams,
      response: JoinInfo,
      errors: JOIN_REFUSALS,
      middleware: [limiter],
      handler: async ({ req, params }) => joinInfo(ctx.db, ctx.audit, params.token, knock(req.ip)),
    }),
    defineRoute({
      method: 'post', path: '/join/:token', tag: 'invites', access: 'public',
      summary: "Joins the meeting's lobby through an invitation link; sets an invitee session cookie. The chair admits or declines.",
      params: TokenParams,
      body: JoinRequest,
      response: JoinResult,
      status: 201,
      errors: { ...JOIN_REFUSALS, 409: 'This browser is signed in to a staff account' },
      middleware: [limiter],
      handler: async ({ req, res, params, body, principal }) => {
        // Joining would replace the staff session with the invitee's: a chair trying their own link
        // would be signed out of their meeting.
        if (principal?.kind === 'staff') {
          throw conflict('SIGNED_IN_AS_STAFF', 'You are signed in to SAM Room. Sign out, or open the link in another browser, to join as an invitee.');
        }
        const joined = await joinLobby(ctx.db, ctx.audit, params.token, body, knock(req.ip));
        const previous = readSessionToken(req.headers.cookie);
        const replaced = previous ? await ctx.sessions.revoke(previous) : null;
        if (replaced) await ctx.access.end({ kind: 'session', id: replaced }, 'This browser joined by another invitation link');
        const session = await ctx.sessions.create({ participantId: joined.participantId });
        // The browser keeps the cookie through the window after the close in which the server may
        // extend this session for the agency's pack (access/after-close.ts); the server alone
        // decides whether the session still works.
        setSessionCookie(res, session.token, packWindowEnd(session.expiresAt, ctx.config.INVITEE_PACK_HOURS));
        await ctx.control.lobbyChanged(joined.meetingId);
        return { participantId: joined.participantId, status: 'WAITING' as const };
      },
    }),
    defineRoute({
      method: 'get', path: '/lobby', tag: 'invites', access: 'public',
      summary: "An invitee's place in the lobby: waiting, admitted, declined, removed, or the meeting closed (and until when their agency's pack can be downloaded)",
      response: LobbyState,
      errors: { 401: 'No invitee session', 403: 'Staff sessions have no lobby' },
      handler: async ({ req, principal }) => {
        if (principal?.kind === 'staff') throw forbidden('The lobby is for people joining by invitation link');
        const participantId = await ctx.sessions.participantOf(readSessionToken(req.headers.cookie));
        const state = participantId ? await lobbyStatusOf(ctx.db, participantId, ctx.config.INVITEE_PACK_HOURS) : null;
        if (!state) throw unauthenticated();
        return state;
      },
    }),
  ];
}
