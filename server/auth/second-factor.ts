import type { TotpEnrolment } from '../../shared/api/second-factor.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { conflict, DomainError, invalidField } from '../domain/domain-error.js';
import { actorId, actorLabel } from './principal.js';
import { newTotpSecret, totpEnrolmentUri, verifyTotp } from './totp.js';

// A TOTP second factor for local sign-in: the person enrols (a new secret, confirmed by a first
// code), then signs in with a code after the password; an administrator resets it for someone who
// lost their phone. Each accepted code's time step is kept, so no code works twice.

type Ctx = { db: Db; audit: AuditLog };

/** A new secret for the person's authenticator app; it counts only once a code confirms it. */
export async function startTotpEnrolment(ctx: Ctx, p: StaffPrincipal): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const started = await ctx.db.user.updateMany({ where: { id: p.userId, totpConfirmedAt: null }, data: { totpSecret: secret, totpLastStep: null } });
  if (started.count === 0) throw conflict('SECOND_FACTOR_ENROLLED', 'You already have an authenticator app set up. An administrator can reset it if you lost it.');
  return { ...(await totpEnrolmentUri(secret, p.email)), secret };
}

/** Confirms the enrolment with the first code the app shows. */
export async function confirmTotpEnrolment(ctx: Ctx, p: StaffPrincipal, code: string): Promise<void> {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: p.userId }, select: { totpSecret: true, totpConfirmedAt: true } });
  if (user.totpConfirmedAt) throw conflict('SECOND_FACTOR_ENROLLED', 'Your authenticator app is already set up.');
  if (!user.totpSecret) throw conflict('NO_ENROLMENT', 'Start setting up your authenticator app first.');
  const step = await verifyTotp(user.totpSecret, code, null);
  if (step === null) throw invalidField('code', 'That code is not right. Check the app shows SAM Room and your email, and enter the newest code.');
  await ctx.db.$transaction(async (tx) => {
    const confirmed = await tx.user.updateMany({
      where: { id: p.userId, totpSecret: user.totpSecret, totpConfirmedAt: null }, data: { totpConfirmedAt: new Date(), totpLastStep: step },
    });
    if (confirmed.count === 0) throw conflict('NO_ENROLMENT', 'Your set-up changed meanwhile: start again.');
    await ctx.audit.record({ actorId: actorId(p), actorLabel: actorLabel(p), action: 'user.second_factor_enrol', subjectType: 'User', subjectId: p.userId }, tx);
  });
}

export const secondFactorNeeded = () =>
  new DomainError('unauthenticated', 'SECOND_FACTOR_NEEDED', 'Enter the code from your authenticator app.');

/**
 * Whether a sign-in's code is right and unused; the step is claimed with a conditional update,
 * so two requests racing with one code cannot both succeed.
 */
export async function acceptSignInCode(db: Db, user: { id: string; totpSecret: string; totpLastStep: number | null }, code: string): Promise<boolean> {
  const step = await verifyTotp(user.totpSecret, code, user.totpLastStep);
  if (step === null) return false;
  const claimed = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step },
  });
  return claimed.count === 1;
}

/** An administrator's recovery for someone who lost their app: they enrol again at their next sign-in. */
export async function resetSecondFactor(ctx: Ctx, admin: StaffPrincipal, user: { id: string; email: string }): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpConfirmedAt: null, totpLastStep: null } });
    await ctx.audit.record({
      actorId: actorId(admin), actorLabel: actorLabel(admin), action: 'user.second_factor_reset', subjectType: 'User', subjectId: user.id, details: { email: user.email },
    }, tx);
  });
}
