import { Role } from '../../shared/domain.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { OidcProvider } from './oidc-providers.js';

/** Why a sign-in through an identity provider was refused; the sign-in page explains each. */
export type OidcRefusal = 'agency' | 'role' | 'site' | 'email' | 'disabled';

export type OidcAccountResult = { ok: true; userId: string } | { ok: false; reason: OidcRefusal; value: string };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The staff account behind a provider's claims. Matched by the provider's subject, or by email the
 * first time for an account an administrator made; otherwise made from the claims. The claims say
 * the agency, role and site, and each must name one that exists (and an active agency), or nothing
 * is made or changed. National access and administration are never granted by a claim.
 */
export async function accountFromClaims(
  ctx: { db: Db; audit: AuditLog }, provider: OidcProvider, claims: Record<string, unknown>,
): Promise<OidcAccountResult> {
  const sub = text(claims.sub);
  const email = text(claims.email).toLowerCase();
  const agencyCode = text(claims[provider.agencyClaim]);
  const roleName = text(claims[provider.roleClaim]).toUpperCase();
  const siteCode = text(claims[provider.siteClaim]);

  const agency = agencyCode ? await ctx.db.agency.findFirst({ where: { code: agencyCode, active: true } }) : null;
  if (!agency) return { ok: false, reason: 'agency', value: agencyCode };
  const role = Role.safeParse(roleName);
  if (!role.success || role.data === 'SITE_ADMIN') return { ok: false, reason: 'role', value: roleName };
  const site = siteCode ? await ctx.db.site.findUnique({ where: { code: siteCode } }) : null;
  if (!site) return { ok: false, reason: 'site', value: siteCode };

  const bySubject = await ctx.db.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: provider.issuer, oidcSubject: sub } } });
  const existing = bySubject ?? (email ? await ctx.db.user.findUnique({ where: { email } }) : null);
  if (existing && existing.oidcSubject && existing.oidcSubject !== sub) return { ok: false, reason: 'email', value: email };
  if (existing?.disabledAt) return { ok: false, reason: 'disabled', value: existing.email };
  if (!existing && !email) return { ok: false, reason: 'email', value: '' };

  // An administrator's or national account keeps what an administrator gave it.
  const keepRole = existing !== null && (existing.role === 'SITE_ADMIN' || existing.national);
  const fields = { agencyId: agency.id, role: keepRole ? existing.role : role.data, siteId: site.id, oidcIssuer: provider.issuer, oidcSubject: sub };
  const label = `${email || existing?.email} (single sign-on, ${provider.id})`;
  return ctx.db.$transaction(async (tx) => {
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: fields })
      : await tx.user.create({ data: { ...fields, email, displayName: text(claims.name) || email } });
    const changed = !existing || existing.agencyId !== agency.id || existing.role !== fields.role || existing.siteId !== site.id || !existing.oidcSubject;
    if (changed) {
      await ctx.audit.record({
        actorId: user.id, actorLabel: label, action: existing ? 'user.sso_update' : 'user.sso_create', subjectType: 'User', subjectId: user.id,
        details: { provider: provider.id, agency: agency.code, role: role.data, site: site.code },
      }, tx);
    }
    return { ok: true as const, userId: user.id };
  });
}
