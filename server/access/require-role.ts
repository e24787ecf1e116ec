import type { Role } from '../../shared/domain.js';
import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import { forbidden, unauthenticated } from '../domain/domain-error.js';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/**
 * For routes only some staff roles may use (chair, auditor: never an invitee). Unlike a route's
 * declared access, a refusal here leaves an audit row, since trying is itself worth knowing.
 */
export async function requireStaffRole(
  audit: AuditLog,
  principal: Principal | undefined,
  roles: readonly Role[],
  refusal: Omit<AuditEntry, 'actorId' | 'actorLabel'>,
): Promise<StaffPrincipal> {
  if (!principal) throw unauthenticated();
  if (principal.kind === 'staff' && roles.includes(principal.role)) return principal;
  await audit.record({
    ...refusal, actorId: actorId(principal), actorLabel: actorLabel(principal),
    details: { code: 'FORBIDDEN', role: principal.role, ...refusal.details },
  });
  throw forbidden();
}
