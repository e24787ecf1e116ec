import type { Author } from '../../shared/meeting-doc/index.js';
import type { PlanKind } from '../../shared/plan-doc/index.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import type { CaseStatus, MeetingStatus } from '../db/generated/client.js';
import type { MeetingRefusal } from './meeting-access.js';
import { READ_ONLY_ROLES } from './meeting-access.js';
import { opensMeetingContent } from './meeting-content-roles.js';
import { needsToKnow, viewerOf } from './need-to-know.js';
import type { StaffPrincipal } from './require-role.js';
import { reachesSite } from './site-scope.js';

// A family's safety plan belongs to the family, not to a meeting, so who may open it is decided by
// the case: staff of its site whose agency needs to know (need-to-know.ts: it leads, holds an
// action, shared what it knows, or the person chairs or coordinates); never an invitee, whose world
// is one meeting, nor auditors and administrators. The private part (the victim's voice, safe
// contact) only the lead agency and the victim specialist open, whatever their role.

export type PlanAccess =
  | { ok: true; principal: StaffPrincipal; caseId: string; leadAgencyId: string | null; mode: 'write' | 'read'; author: Author }
  | { ok: false; refusal: MeetingRefusal; reason: string; why?: string };

const refuse = (refusal: MeetingRefusal, reason: string, why?: string): PlanAccess => ({ ok: false, refusal, reason, ...(why && { why }) });

/** Whether this agency is one of the two the private part is for. */
export function readsPrivatePlan(p: StaffPrincipal, leadAgencyId: string | null): boolean {
  return p.agency.kind === 'VICTIM_SPECIALIST' || (leadAgencyId !== null && p.agency.id === leadAgencyId);
}

/**
 * A closed case's plan is kept as it was, unless the whānau is back on the agenda of a meeting not
 * yet closed (a new episode joins the closed case until that meeting decides).
 */
export function planKept(c: { status: CaseStatus; agendaItems: readonly { meeting: { status: MeetingStatus } }[] }): boolean {
  return c.status === 'CLOSED' && !c.agendaItems.some((item) => item.meeting.status !== 'CLOSED');
}

export async function decidePlanAccess(db: Db, principal: Principal | null, caseId: string, kind: PlanKind): Promise<PlanAccess> {
  if (!principal) return refuse('UNAUTHENTICATED', 'no valid session');
  if (principal.kind === 'invitee') return refuse('FORBIDDEN', 'a family plan is open to staff of its site only');
  if (!opensMeetingContent(principal.role)) return refuse('FORBIDDEN', 'auditors and administrators do not open family plans');
  const found = await db.case.findUnique({
    where: { id: caseId },
    select: {
      siteId: true, leadAgencyId: true, anonymisedAt: true, status: true,
      agendaItems: { where: { meeting: { status: { not: 'CLOSED' } } }, select: { meeting: { select: { status: true } } }, take: 1 },
      decisions: { where: { supersededAt: null }, select: { leadAgencyId: true } },
      actions: { select: { agencyId: true } },
      disclosures: { where: { status: 'SHARED' }, select: { agencyId: true } },
    },
  });
  if (!found) return refuse('NOT_FOUND', 'no such family');
  if (!reachesSite(principal, found.siteId)) return refuse('NOT_FOUND', 'no such family', 'another site');
  const involved = needsToKnow(viewerOf(principal), {
    leadAgencyIds: [found.leadAgencyId, ...found.decisions.map((d) => d.leadAgencyId)],
    actionAgencyIds: found.actions.map((a) => a.agencyId),
    sharingAgencyIds: found.disclosures.map((d) => d.agencyId),
  });
  if (!involved) return refuse('FORBIDDEN', 'your agency does not work with this family');
  if (kind === 'plan-private' && !readsPrivatePlan(principal, found.leadAgencyId)) {
    return refuse('FORBIDDEN', "only the lead agency and the victim specialist read the victim's voice and safe contact");
  }
  return {
    ok: true, principal, caseId, leadAgencyId: found.leadAgencyId,
    // A disposed family's plan is gone, and a closed case's is kept: a client still holding a copy
    // must not write into either.
    mode: READ_ONLY_ROLES.has(principal.role) || found.anonymisedAt !== null || planKept(found) ? 'read' : 'write',
    author: { agency: principal.agency.code, role: principal.role },
  };
}
