import type { PlanKind } from '../../shared/plan-doc/index.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { DomainError, forbidden, notFound, unauthenticated } from '../domain/domain-error.js';
import { decidePlanAccess, readsPrivatePlan } from './plan-access.js';
import type { Reach } from './reach.js';
import type { StaffPrincipal } from './require-role.js';

/**
 * The plan's REST door: the same decision as its documents (plan-access.ts), as a DomainError. The
 * site is checked through Reach first, so reaching for another site's family is audited.
 */
export async function requirePlanAccess(
  db: Db, reach: Reach, principal: Principal | undefined, caseId: string, op: string, kind: PlanKind = 'plan',
): Promise<{ principal: StaffPrincipal; seesPrivate: boolean }> {
  if (!principal) throw unauthenticated();
  if (principal.kind === 'staff' && !(await reach.case(principal, caseId, op))) throw notFound('Case');
  const access = await decidePlanAccess(db, principal, caseId, kind);
  if (access.ok) return { principal: access.principal, seesPrivate: readsPrivatePlan(access.principal, access.leadAgencyId) };
  if (access.refusal === 'NOT_FOUND') throw notFound('Case');
  if (access.refusal === 'UNAUTHENTICATED') throw unauthenticated();
  throw access.refusal === 'FORBIDDEN' ? forbidden(access.reason) : new DomainError('forbidden', access.refusal, access.reason);
}
