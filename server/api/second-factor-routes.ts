import { TotpConfirmRequest, TotpEnrolment } from '../../shared/api/second-factor.js';
import type { AppContext } from '../app-context.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../auth/second-factor.js';
import { DomainError } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import type { Principal } from '../auth/principal.js';

/** Staff enrol an authenticator app for local sign-in; administrators must, before anything else. */
export function secondFactorRoutes(ctx: AppContext): AnyRoute[] {
  const staff = (p: Principal | undefined) => {
    if (p?.kind !== 'staff') throw new DomainError('forbidden', 'FORBIDDEN', 'Only staff accounts have a second factor');
    return p;
  };
  return [
    defineRoute({
      method: 'post', path: '/auth/second-factor/enrol', tag: 'auth', access: 'signed-in', beforeSecondFactor: true,
      summary: 'Starts setting up an authenticator app: a new secret as an otpauth:// address, a QR code and a key to type',
      response: TotpEnrolment, errors: { 409: 'An authenticator app is already set up' },
      handler: async ({ principal }) => startTotpEnrolment(ctx, staff(principal)),
    }),
    defineRoute({
      method: 'post', path: '/auth/second-factor/confirm', tag: 'auth', access: 'signed-in', beforeSecondFactor: true,
      summary: "Finishes the set-up with the app's first code; sign-in then asks for a code after the password",
      body: TotpConfirmRequest, errors: { 409: 'No set-up started, or already set up', 429: 'Too many wrong codes' },
      handler: async ({ req, res, principal, body }) => {
        const p = staff(principal);
        // Wrong codes count against the sign-in limits: a guess here is a guess at sign-in.
        const ip = req.ip ?? req.socket.remoteAddress ?? '';
        const allowed = await ctx.loginThrottle.check(ip, p.email);
        if (!allowed.ok) {
          res.set('Retry-After', String(allowed.retryAfterSeconds));
          throw new DomainError('rate_limited', 'RATE_LIMITED', 'Too many wrong codes. Wait a few minutes and try again.');
        }
        try {
          await confirmTotpEnrolment(ctx, p, body.code);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'VALIDATION_FAILED') await ctx.loginThrottle.failed(ip, p.email);
          throw err;
        }
        return undefined;
      },
    }),
  ];
}
