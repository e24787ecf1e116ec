import type { FirstAdminRequest } from '../../shared/api/admin.js';
import type { AuditLog } from '../audit/audit-log.js';
import { issuePasswordLink } from '../auth/password-links.js';
import type { Db } from '../db/client.js';
import { conflict, invalidField } from '../domain/domain-error.js';

/** Who the audit trail names for changes made from the command line, before anyone can sign in. */
const OPERATOR = { actorId: null, actorLabel: 'operator (npm run admin:create)' } as const;

/**
 * The way into an empty database: the first site and a national administrator with no password,
 * who sets one through the returned one-time link; everything else is then done in the admin pages.
 * Refused once any administrator exists, so it cannot be used to mint a second way in.
 */
export async function createFirstAdministrator(
  ctx: { db: Db; audit: AuditLog }, req: FirstAdminRequest,
): Promise<{ userId: string; siteId: string; token: string; expiresAt: Date }> {
  const email = req.email.toLowerCase();
  const created = await ctx.db.$transaction(async (tx) => {
    if ((await tx.user.count({ where: { role: 'SITE_ADMIN' } })) > 0) {
      throw conflict('ADMIN_EXISTS', 'An administrator already exists: sign in as them and add people in the administration pages.');
    }
    if (await tx.site.findUnique({ where: { code: req.siteCode } })) throw conflict('SITE_EXISTS', `A site with code ${req.siteCode} already exists`);
    if (await tx.user.findUnique({ where: { email } })) throw conflict('EMAIL_TAKEN', `An account with email ${email} already exists`);

    const site = await tx.site.create({ data: { code: req.siteCode, name: req.siteName } });
    await ctx.audit.record({ ...OPERATOR, action: 'site.create', subjectType: 'Site', subjectId: site.id, details: { code: site.code, training: false } }, tx);

    let agency = await tx.agency.findUnique({ where: { code: req.agencyCode } });
    if (!agency) {
      if (!req.agencyName) throw invalidField('agencyName', `There is no agency with code ${req.agencyCode}: give its name to add it.`);
      agency = await tx.agency.create({ data: { code: req.agencyCode, name: req.agencyName, kind: req.agencyKind } });
      await ctx.audit.record({
        ...OPERATOR, action: 'agency.create', subjectType: 'Agency', subjectId: agency.id,
        details: { code: agency.code, name: agency.name, kind: agency.kind },
      }, tx);
    }

    const user = await tx.user.create({
      data: { email, displayName: req.displayName, role: 'SITE_ADMIN', national: true, agencyId: agency.id, siteId: site.id },
    });
    await ctx.audit.record({
      ...OPERATOR, action: 'user.create', subjectType: 'User', subjectId: user.id,
      details: { email, role: 'SITE_ADMIN', agency: agency.code, siteId: site.id, national: true, firstAdministrator: true },
    }, tx);
    return { userId: user.id, siteId: site.id };
  });
  const link = await issuePasswordLink(ctx.db, created.userId, 'SETUP');
  return { ...created, ...link };
}
