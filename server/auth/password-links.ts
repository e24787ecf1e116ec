import { DateTime } from 'luxon';
import type { PasswordLinkInfo } from '../../shared/api/auth.js';
import { hashInviteToken, newInviteToken } from '../access/invite-tokens.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { DomainError } from '../domain/domain-error.js';
import { hashPassword } from './password.js';
import { checkNewPassword } from './password-policy.js';

// One-time links to set a password (a new account) or reset one. Like invitation links, only the
// token's sha256 is stored; a link works once and not after it expires, and issuing a new one
// withdraws any the person still holds.

export type PasswordLinkPurpose = PasswordLinkInfo['purpose'];

const LIFETIME = { SETUP: { days: 7 }, RESET: { hours: 2 } } as const;

const expired = () => new DomainError('not_found', 'LINK_INVALID', 'This link has expired or has already been used. Ask your administrator for a new one.');

export async function issuePasswordLink(db: Db, userId: string, purpose: PasswordLinkPurpose): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newInviteToken();
  const expiresAt = DateTime.now().plus(LIFETIME[purpose]).toJSDate();
  await db.$transaction([
    db.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } }),
    db.passwordToken.create({ data: { userId, purpose, tokenHash: hash, expiresAt } }),
  ]);
  return { token, expiresAt };
}

async function liveLink(db: Db, token: string) {
  if (token.length > 200) throw expired();
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt < new Date() || row.user.disabledAt) throw expired();
  return row;
}

export async function describePasswordLink(db: Db, token: string): Promise<PasswordLinkInfo> {
  const row = await liveLink(db, token);
  return { purpose: row.purpose, email: row.user.email, displayName: row.user.displayName };
}

/** Sets the password and spends the link, at most once even when two requests race. */
export async function usePasswordLink(ctx: { db: Db; audit: AuditLog }, token: string, password: string): Promise<{ userId: string }> {
  const row = await liveLink(ctx.db, token);
  checkNewPassword(password, row.user);
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    const spent = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count === 0) throw expired();
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await ctx.audit.record({
      actorId: row.userId, actorLabel: row.user.email, action: row.purpose === 'SETUP' ? 'user.password_set' : 'user.password_reset',
      subjectType: 'User', subjectId: row.userId,
    }, tx);
  });
  return { userId: row.userId };
}
