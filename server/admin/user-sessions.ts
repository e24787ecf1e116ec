import type { UserSession } from '../../shared/api/admin.js';
import type { LiveAccess } from '../access/live-access.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { notFound } from '../domain/domain-error.js';
import { byAdmin } from './admin-access.js';

/** A person's live sessions: signed in and neither expired nor ended. */
export async function listUserSessions(db: Db, userId: string): Promise<UserSession[]> {
  const rows = await db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: 'desc' },
  });
  return rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() }));
}

/** Ends one session of the person's, and closes its live connections on every process. */
export async function revokeUserSession(
  ctx: { db: Db; audit: AuditLog; access: LiveAccess }, p: StaffPrincipal, userId: string, sessionId: string,
): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (ended.count === 0) throw notFound('Session');
    await ctx.audit.record({ ...byAdmin(p), action: 'session.revoke', subjectType: 'User', subjectId: userId, details: { sessionId } }, tx);
  });
  await ctx.access.end({ kind: 'session', id: sessionId }, 'An administrator ended your session');
}
