import type { AdminUser, CreateUserRequest, UpdateUserRequest } from '../../shared/api/admin.js';
import type { Role } from '../../shared/domain.js';
import type { LiveAccess } from '../access/live-access.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../db/generated/client.js';
import { conflict, forbidden, invalidField } from '../domain/domain-error.js';
import { byAdmin } from './admin-access.js';

// Staff accounts at a site: created without a password (the person sets one through a one-time
// link, or signs in through their organisation), changed, and re-enabled. Disabling goes through
// auth/disable-user.ts, which also ends every session and live connection.

type UserRow = Prisma.UserGetPayload<{ include: { agency: true } }>;

export const toAdminUser = (u: UserRow): AdminUser => ({
  id: u.id, email: u.email, displayName: u.displayName, role: u.role, national: u.national,
  agency: { code: u.agency.code, name: u.agency.name }, siteId: u.siteId,
  hasPassword: u.passwordHash !== null, singleSignOn: u.oidcSubject !== null, secondFactor: u.totpConfirmedAt !== null,
  disabledAt: u.disabledAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
});

const NATIONAL_ROLES: readonly Role[] = ['AUDITOR', 'SITE_ADMIN'];

export async function listStaff(db: Db, siteId: string): Promise<AdminUser[]> {
  const rows = await db.user.findMany({ where: { siteId }, include: { agency: true }, orderBy: [{ disabledAt: { sort: 'desc', nulls: 'first' } }, { displayName: 'asc' }] });
  return rows.map(toAdminUser);
}

async function activeAgency(db: Db, code: string) {
  const agency = await db.agency.findUnique({ where: { code } });
  if (!agency) throw invalidField('agencyCode', `There is no agency with code ${code}.`);
  if (!agency.active) throw invalidField('agencyCode', `${agency.name} is inactive.`);
  return agency;
}

/** Only a national administrator grants a national role, and only to auditors and administrators. */
function checkNational(p: StaffPrincipal, role: Role, national: boolean): void {
  if (!national) return;
  if (!p.national) throw forbidden('Only a national administrator can give an account every site');
  if (!NATIONAL_ROLES.includes(role)) throw invalidField('national', 'Only auditors and administrators can span every site.');
}

export async function createStaff(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, req: CreateUserRequest & { national: boolean }): Promise<AdminUser> {
  const email = req.email.toLowerCase();
  checkNational(p, req.role, req.national);
  const agency = await activeAgency(ctx.db, req.agencyCode);
  if (await ctx.db.user.findUnique({ where: { email } })) throw conflict('EMAIL_TAKEN', `An account with email ${email} already exists`);
  return ctx.db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, displayName: req.displayName, role: req.role, agencyId: agency.id, siteId: req.siteId, national: req.national },
      include: { agency: true },
    });
    await ctx.audit.record({
      ...byAdmin(p), action: 'user.create', subjectType: 'User', subjectId: user.id,
      details: { email, role: req.role, agency: agency.code, siteId: req.siteId, national: req.national },
    }, tx);
    return toAdminUser(user);
  });
}

/**
 * Changes an account. Moving someone to another site ends their sessions and live connections at
 * once: what they have open belongs to the site they left.
 */
export async function updateStaff(
  ctx: { db: Db; audit: AuditLog; access: LiveAccess }, p: StaffPrincipal, user: UserRow, req: UpdateUserRequest,
): Promise<AdminUser> {
  const moved = req.siteId !== undefined && req.siteId !== user.siteId;
  const role = req.role ?? user.role;
  const national = req.national ?? user.national;
  if (req.national !== undefined || req.role !== undefined) checkNational(p, role, national);
  if (req.national === false && user.national && !p.national) throw forbidden('Only a national administrator can change a national account');
  const agency = req.agencyCode && req.agencyCode !== user.agency.code ? await activeAgency(ctx.db, req.agencyCode) : null;
  const updated = await ctx.db.$transaction(async (tx) => {
    const sessionsEnded = moved ? (await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } })).count : 0;
    const row = await tx.user.update({
      where: { id: user.id },
      data: {
        ...(req.displayName !== undefined && { displayName: req.displayName }),
        ...(agency && { agencyId: agency.id }),
        ...(req.siteId !== undefined && { siteId: req.siteId }),
        role, national,
      },
      include: { agency: true },
    });
    await ctx.audit.record({
      ...byAdmin(p), action: 'user.update', subjectType: 'User', subjectId: user.id,
      details: {
        email: user.email, from: { displayName: user.displayName, role: user.role, agency: user.agency.code, siteId: user.siteId, national: user.national }, to: req,
        ...(moved && { sessionsEnded }),
      },
    }, tx);
    return toAdminUser(row);
  });
  if (moved) await ctx.access.end({ kind: 'user', id: user.id }, 'An administrator moved you to another site: sign in again');
  return updated;
}

export async function enableStaff(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, user: UserRow): Promise<AdminUser> {
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: null }, include: { agency: true } });
    if (user.disabledAt) await ctx.audit.record({ ...byAdmin(p), action: 'user.enable', subjectType: 'User', subjectId: user.id, details: { email: user.email } }, tx);
    return toAdminUser(updated);
  });
}
