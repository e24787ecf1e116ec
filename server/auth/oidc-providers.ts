import { z } from 'zod';

// Single sign-on providers from the environment: one through OIDC_ISSUER and its siblings, or
// several (one per agency's identity provider) as a JSON array in OIDC_PROVIDERS.

const Provider = z.object({
  /** In the login address: /api/auth/oidc/login?provider=<id>. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens'),
  /** On the sign-in button: "Sign in with <name>". */
  name: z.string().min(1).max(100),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  agencyClaim: z.string().min(1).default('agency'),
  roleClaim: z.string().min(1).default('role'),
  siteClaim: z.string().min(1).default('site'),
});
export type OidcProvider = z.infer<typeof Provider>;

export function readOidcProviders(env: NodeJS.ProcessEnv): OidcProvider[] {
  const many = env.OIDC_PROVIDERS?.trim();
  if (many) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(many);
    } catch {
      throw new Error('OIDC_PROVIDERS: not JSON (a list of {id, name, issuer, clientId, clientSecret, agencyClaim?, roleClaim?, siteClaim?})');
    }
    const result = z.array(Provider).min(1).safeParse(parsed);
    if (!result.success) throw new Error(`OIDC_PROVIDERS: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return result.data;
  }
  if (!env.OIDC_ISSUER) return [];
  const result = Provider.safeParse({
    id: 'default', name: env.OIDC_NAME || 'your organisation', issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET,
    agencyClaim: env.OIDC_AGENCY_CLAIM || undefined, roleClaim: env.OIDC_ROLE_CLAIM || undefined, siteClaim: env.OIDC_SITE_CLAIM || undefined,
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = { issuer: 'OIDC_ISSUER', clientId: 'OIDC_CLIENT_ID', clientSecret: 'OIDC_CLIENT_SECRET' }[String(issue.path[0])] ?? `OIDC (${issue.path.join('.')})`;
    throw new Error(`${variable}: ${issue.message}`);
  }
  return [result.data];
}
