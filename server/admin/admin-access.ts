import { reachesSite, siteScope } from '../access/site-scope.js';
import { requireStaffRole, type StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { forbidden, notFound } from '../domain/domain-error.js';

/** The actor fields of an audit row for an administrator's change. */
export const byAdmin = (p: StaffPrincipal) => ({ actorId: actorId(p), actorLabel: actorLabel(p) });

/**
 * Administration is for administrators only; a site administrator reaches their own site, a
 * national one every site (site-scope.ts). Another site's things answer 404, audited.
 */
export class AdminAccess {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  require(principal: Principal | undefined, op: string): Promise<StaffPrincipal> {
    return requireStaffRole(this.audit, principal, ['SITE_ADMIN'], { action: 'admin.refused', details: { op } });
  }

  async requireNational(principal: Principal | undefined, op: string): Promise<StaffPrincipal> {
    const p = await this.require(principal, op);
    if (p.national) return p;
    await this.audit.record({ ...byAdmin(p), action: 'admin.refused', details: { op, code: 'FORBIDDEN', reason: 'national only' } });
    throw forbidden('Only a national administrator can do this');
  }

  /** The site, when the administrator reaches it; otherwise a 404 as if it did not exist. */
  async site(p: StaffPrincipal, siteId: string, op: string) {
    const site = await this.db.site.findFirst({ where: { AND: [{ id: siteId }, siteScope(p)] } });
    if (site) return site;
    await this.refused(p, 'Site', siteId, op);
    throw notFound('Site');
  }

  async user(p: StaffPrincipal, userId: string, op: string) {
    const user = await this.db.user.findUnique({ where: { id: userId }, include: { agency: true } });
    if (user && reachesSite(p, user.siteId)) return user;
    await this.refused(p, 'User', userId, op);
    throw notFound('User');
  }

  /** A reminder email of a site the administrator reaches, by its notification's site. */
  async email(p: StaffPrincipal, emailId: string, op: string) {
    const email = await this.db.outboxEmail.findUnique({ where: { id: emailId }, select: { id: true, status: true, attempts: true, notification: { select: { siteId: true } } } });
    if (email && reachesSite(p, email.notification.siteId)) return email;
    await this.refused(p, 'OutboxEmail', emailId, op);
    throw notFound('Email');
  }

  private refused(p: StaffPrincipal, subjectType: string, subjectId: string, op: string): Promise<void> {
    return this.audit.record({ ...byAdmin(p), action: 'access.refused', subjectType, subjectId, details: { op, code: 'NOT_FOUND' } });
  }
}
