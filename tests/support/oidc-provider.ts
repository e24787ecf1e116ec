import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID provider on a loopback port, for sign-in tests: oidc-provider with its development
// login and consent pages. Any login name signs in; each account's claims are the test's to set.

export interface TestIdentityProvider {
  issuer: string;
  /** The claims an account gets: `sub` is the login name typed on the provider's page. */
  accounts: Map<string, Record<string, string>>;
  stop(): Promise<void>;
}

export async function startIdentityProvider(opts: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestIdentityProvider> {
  const accounts = new Map<string, Record<string, string>>();
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: opts.clientId, client_secret: opts.clientSecret, redirect_uris: [opts.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'agency', 'role', 'site'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) }),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  server.on('request', provider.callback());
  return {
    issuer, accounts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
