import type { LegalHold } from '../../shared/api/retention.js';
import type { StaffPrincipal } from '../access/require-role.js';
import { caseScope } from '../access/site-scope.js';
import { actorId, actorLabel } from '../auth/principal.js';
import { conflict, notFound } from '../domain/domain-error.js';
import { RETENTION_LOCK, type RetentionContext } from './dispose.js';

type Ctx = Pick<RetentionContext, 'db' | 'audit'>;

const view = (c: { id: string; reference: string; legalHoldReason: string | null; legalHoldAt: Date | null }): LegalHold => ({
  caseId: c.id, reference: c.reference, reason: c.legalHoldReason, heldAt: c.legalHoldAt?.toISOString() ?? null,
});

/**
 * Places or lifts a legal hold on a case in a site the administrator reaches (another site's case
 * is a 404, audited). Under the disposal lock, so a batch being disposed sees the hold or not, whole.
 */
export async function setLegalHold(ctx: Ctx, p: StaffPrincipal, caseId: string, reason: string | null): Promise<LegalHold> {
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK})`;
    const found = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(p)] }, select: { id: true, anonymisedAt: true, legalHoldReason: true } });
    const actor = { actorId: actorId(p), actorLabel: actorLabel(p) };
    if (!found) {
      await ctx.audit.record({ ...actor, action: 'access.refused', subjectType: 'Case', subjectId: caseId, details: { op: 'retention.hold', code: 'NOT_FOUND' } }, tx);
      throw notFound('Case');
    }
    if (found.anonymisedAt && reason !== null) throw conflict('ALREADY_DISPOSED', 'This case was anonymised under the retention schedule; there is nothing left to hold.');
    const updated = await tx.case.update({
      where: { id: caseId },
      data: reason === null
        ? { legalHoldReason: null, legalHoldAt: null, legalHoldById: null }
        : { legalHoldReason: reason, legalHoldAt: new Date(), legalHoldById: p.userId },
      select: { id: true, reference: true, legalHoldReason: true, legalHoldAt: true },
    });
    await ctx.audit.record({
      ...actor, action: reason === null ? 'retention.hold-lifted' : 'retention.hold', subjectType: 'Case', subjectId: caseId,
      details: reason === null ? { reason: found.legalHoldReason } : { reason },
    }, tx);
    return view(updated);
  });
}
