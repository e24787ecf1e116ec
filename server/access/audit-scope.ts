import type { Db, Prisma } from '../db/client.js';
import type { StaffPrincipal } from './require-role.js';

/**
 * The audit events an auditor reads: everything for a national auditor; for a site's auditor, what
 * happened in its meetings (whoever did it, so another site's attempts on them show) and what its
 * own staff did anywhere (sign-ins, searches, case views, refusals).
 */
export async function auditScope(db: Db, auditor: StaffPrincipal): Promise<Prisma.AuditEventWhereInput> {
  if (auditor.national) return {};
  const [meetings, users] = await Promise.all([
    db.meeting.findMany({ where: { siteId: auditor.siteId }, select: { id: true } }),
    db.user.findMany({ where: { siteId: auditor.siteId }, select: { id: true } }),
  ]);
  return { OR: [{ meetingId: { in: meetings.map((m) => m.id) } }, { actorId: { in: users.map((u) => u.id) } }] };
}
