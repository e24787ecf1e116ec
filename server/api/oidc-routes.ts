import type { Response } from 'express';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { OidcLoginQuery, SignInMethods } from '../../shared/api/sign-in-methods.js';
import type { AppContext } from '../app-context.js';
import { accountFromClaims, type OidcRefusal } from '../auth/oidc-account.js';
import { OIDC_FLOW_COOKIE, OIDC_FLOW_TTL_MS, openFlow, sealFlow } from '../auth/oidc-flow-cookie.js';
import type { OidcProvider } from '../auth/oidc-providers.js';
import { actorLabel } from '../auth/principal.js';
import { notFound } from '../domain/domain-error.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { setSessionCookie } from './auth-routes.js';
import { parse as parseCookie } from 'cookie';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Sign-in through each agency's identity provider: OpenID Connect's code flow with PKCE. */
export function oidcRoutes(ctx: AppContext): AnyRoute[] {
  const providers = ctx.config.oidcProviders;
  const configs = new Map<string, Promise<oidc.Configuration>>();
  const callbackUrl = `${ctx.config.PUBLIC_URL}/api/auth/oidc/callback`;

  // Discovery once per provider, retried after a failure. Plain http only to a provider on this
  // machine (a test's, or a development one).
  function configOf(p: OidcProvider): Promise<oidc.Configuration> {
    let config = configs.get(p.id);
    if (!config) {
      const insecure = new URL(p.issuer).protocol === 'http:' && LOOPBACK.has(new URL(p.issuer).hostname);
      config = oidc.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
      config.catch(() => configs.delete(p.id));
      configs.set(p.id, config);
    }
    return config;
  }

  const refuse = (res: Response, reason: OidcRefusal | 'failed' | 'expired', value = '') => {
    res.clearCookie(OIDC_FLOW_COOKIE, { path: '/api/auth/oidc' });
    res.redirect(303, `/signin/refused?${new URLSearchParams({ reason, ...(value && { value }) })}`);
  };

  return [
    defineRoute({
      method: 'get', path: '/auth/methods', tag: 'auth', access: 'public',
      summary: 'How people sign in here: local passwords (unless turned off) and each organisation’s identity provider',
      response: SignInMethods,
      handler: async () => ({ local: ctx.config.LOCAL_SIGN_IN, providers: providers.map((p) => ({ id: p.id, name: p.name })) }),
    }),
    defineRoute({
      method: 'get', path: '/auth/oidc/login', tag: 'auth', access: 'public',
      summary: 'Starts sign-in through an identity provider (the only one, or ?provider=<id>): redirects there',
      query: OidcLoginQuery, errors: { 404: 'No such identity provider is configured' }, produces: ['text/html'],
      handler: async ({ res, query }) => {
        const provider = query.provider ? providers.find((p) => p.id === query.provider) : providers.length === 1 ? providers[0] : undefined;
        if (!provider) throw notFound('Identity provider');
        const config = await configOf(provider);
        const flow = { provider: provider.id, verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: callbackUrl, scope: 'openid email profile', state: flow.state, nonce: flow.nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier), code_challenge_method: 'S256',
        });
        // Lax, not Strict: the provider's redirect back is a cross-site navigation.
        res.cookie(OIDC_FLOW_COOKIE, sealFlow(ctx.config.SESSION_SECRET, flow), {
          httpOnly: true, sameSite: 'lax', secure: res.req.secure, maxAge: OIDC_FLOW_TTL_MS, path: '/api/auth/oidc',
        });
        res.redirect(303, url.href);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/auth/oidc/callback', tag: 'auth', access: 'public',
      summary: 'Where the identity provider returns: signs the person in, or explains on the sign-in page why not',
      query: z.object({}).loose(), produces: ['text/html'],
      handler: async ({ req, res }) => {
        const flow = openFlow(ctx.config.SESSION_SECRET, parseCookie(req.headers.cookie ?? '')[OIDC_FLOW_COOKIE]);
        const provider = flow && providers.find((p) => p.id === flow.provider);
        if (!flow || !provider) return refuse(res, 'expired');
        let claims: Record<string, unknown>;
        try {
          const config = await configOf(provider);
          const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, callbackUrl), {
            pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
          });
          const idClaims = tokens.claims()!;
          const userInfo = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
          claims = { ...userInfo, ...idClaims };
        } catch (err) {
          ctx.log.warn({ err, provider: provider.id }, 'single sign-on failed');
          await ctx.audit.record({ actorLabel: `single sign-on (${provider.id})`, action: 'auth.login_failed', details: { provider: provider.id, reason: 'provider' } });
          return refuse(res, 'failed');
        }
        const account = await accountFromClaims(ctx, provider, claims);
        if (!account.ok) {
          await ctx.audit.record({
            actorLabel: `${String(claims.email ?? claims.sub)} (single sign-on, ${provider.id})`, action: 'auth.login_failed',
            details: { provider: provider.id, reason: account.reason, value: account.value },
          });
          return refuse(res, account.reason, account.value);
        }
        const session = await ctx.sessions.create({ userId: account.userId });
        const principal = await ctx.sessions.resolve(session.token);
        if (!principal) throw new Error('session vanished right after it was created');
        await ctx.audit.record({ actorId: account.userId, actorLabel: actorLabel(principal), action: 'auth.login', subjectType: 'User', subjectId: account.userId, details: { provider: provider.id } });
        res.clearCookie(OIDC_FLOW_COOKIE, { path: '/api/auth/oidc' });
        setSessionCookie(res, session.token, session.expiresAt);
        res.redirect(303, '/');
        return undefined;
      },
    }),
  ];
}
