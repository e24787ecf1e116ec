import type { LiveAccess } from '../access/live-access.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';

export class UserNotFound extends Error {}

/** Who disabled the account, for the audit trail. */
export interface DisabledBy {
  actorId: string | null;
  actorLabel: string;
}

/**
 * Disables a staff account: it can no longer sign in (auth-routes refuses it), every session of it
 * ends, and its live document and control connections close on every process. Disabling twice
 * changes nothing the second time. The administration route (admin-routes.ts) calls this.
 */
export async function disableUser(
  ctx: { db: Db; audit: AuditLog; access: LiveAccess }, userId: string, by: DisabledBy,
): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
    if (!user) throw new UserNotFound(userId);
    if (user.disabledAt) return;
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
    const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await ctx.audit.record({
      ...by, action: 'user.disable', subjectType: 'User', subjectId: userId, details: { email: user.email, sessionsEnded: sessions.count },
    }, tx);
  });
  await ctx.access.end({ kind: 'user', id: userId }, 'Your account has been disabled');
}
