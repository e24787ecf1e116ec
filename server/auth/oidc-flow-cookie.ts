import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The sign-in in progress (provider, PKCE verifier, state, nonce) rides in a short-lived cookie,
// signed with the session secret, so any process can finish a flow another one started.

export const OIDC_FLOW_COOKIE = 'samroom_oidc';
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;

const Flow = z.object({ provider: z.string(), verifier: z.string(), state: z.string(), nonce: z.string(), exp: z.number() });
export type OidcFlow = z.infer<typeof Flow>;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`oidc-flow:${body}`).digest('base64url');

export function sealFlow(secret: string, flow: Omit<OidcFlow, 'exp'>): string {
  const body = Buffer.from(JSON.stringify({ ...flow, exp: Date.now() + OIDC_FLOW_TTL_MS })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function openFlow(secret: string, cookie: string | undefined): OidcFlow | null {
  const [body, mac] = (cookie ?? '').split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const flow = Flow.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  return flow.success && flow.data.exp > Date.now() ? flow.data : null;
}
