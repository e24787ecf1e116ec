import type { Response } from 'express';
import { LoginRequest, Me } from '../../shared/api/auth.js';
import type { AppContext } from '../app-context.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { acceptSignInCode, secondFactorNeeded } from '../auth/second-factor.js';
import { actorId, actorLabel, toMe } from '../auth/principal.js';
import { readSessionToken } from '../auth/session-middleware.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { DomainError } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

export function setSessionCookie(res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: res.req.secure, expires, path: '/' });
}

export function authRoutes(ctx: AppContext): AnyRoute[] {
  // Unknown emails still pay for one hash check, so response time does not reveal which exist.
  const decoyHash = hashPassword('not-a-real-password');

  return [
    defineRoute({
      method: 'post', path: '/auth/login', tag: 'auth', access: 'public',
      summary: 'Sign in with email and password, and the authenticator code when the account has one; sets the session cookie',
      errors: { 401: 'Email, password or code is incorrect, or a code is needed (SECOND_FACTOR_NEEDED)', 403: 'Local sign-in is turned off', 429: 'Too many failed sign-ins' },
      body: LoginRequest,
      response: Me,
      handler: async ({ req, body, res }) => {
        if (!ctx.config.LOCAL_SIGN_IN) throw new DomainError('forbidden', 'LOCAL_SIGN_IN_OFF', 'Sign in through your organisation instead.');
        const email = body.email.toLowerCase();
        const ip = req.ip ?? req.socket.remoteAddress ?? '';
        const allowed = await ctx.loginThrottle.check(ip, email);
        if (!allowed.ok) {
          res.set('Retry-After', String(allowed.retryAfterSeconds));
          throw new DomainError('rate_limited', 'RATE_LIMITED', 'Too many failed sign-ins. Wait a few minutes and try again.');
        }
        const user = await ctx.db.user.findUnique({ where: { email } });
        const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash));
        if (!user || !ok || user.disabledAt) {
          // Unknown emails count too: locking only real accounts would tell which exist.
          await ctx.loginThrottle.failed(ip, email);
          await ctx.audit.record({ actorId: user?.id, actorLabel: email, action: 'auth.login_failed', subjectType: 'User', subjectId: user?.id });
          throw new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Email or password is incorrect');
        }
        if (user.totpConfirmedAt && user.totpSecret) {
          // Asked for only after the password is right; a missing code is not a failure, a wrong one is.
          if (!body.code) throw secondFactorNeeded();
          if (!(await acceptSignInCode(ctx.db, { id: user.id, totpSecret: user.totpSecret, totpLastStep: user.totpLastStep }, body.code))) {
            await ctx.loginThrottle.failed(ip, email);
            await ctx.audit.record({ actorId: user.id, actorLabel: email, action: 'auth.login_failed', subjectType: 'User', subjectId: user.id, details: { reason: 'second factor' } });
            throw new DomainError('unauthenticated', 'INVALID_CODE', 'That code is not right, or was already used. Enter the newest code from your authenticator app.');
          }
        }
        await ctx.loginThrottle.succeeded(ip, email);
        const session = await ctx.sessions.create({ userId: user.id });
        const principal = await ctx.sessions.resolve(session.token);
        if (!principal) throw new Error('session vanished right after it was created');
        await ctx.audit.record({ actorId: user.id, actorLabel: actorLabel(principal), action: 'auth.login', subjectType: 'User', subjectId: user.id });
        setSessionCookie(res, session.token, session.expiresAt);
        return toMe(principal);
      },
    }),
    defineRoute({
      method: 'post', path: '/auth/logout', tag: 'auth', access: 'public',
      summary: "Ends the session and closes its live document and control connections",
      handler: async ({ req, res, principal }) => {
        const token = readSessionToken(req.headers.cookie);
        const ended = token ? await ctx.sessions.revoke(token) : null;
        // The session's open document and control connections close too, on every process.
        if (ended) await ctx.access.end({ kind: 'session', id: ended }, 'You signed out');
        if (principal) await ctx.audit.record({ actorId: actorId(principal), actorLabel: actorLabel(principal), action: 'auth.logout' });
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/me', tag: 'auth', access: 'signed-in', beforeSecondFactor: true,
      summary: 'Who the session belongs to',
      response: Me,
      handler: async ({ principal }) => toMe(principal!),
    }),
  ];
}
