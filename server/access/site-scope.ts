import type { Principal } from '../auth/principal.js';
import type { Prisma } from '../db/client.js';
import type { StaffPrincipal } from './require-role.js';

// The site is the first boundary: a staff member works for one site, and every list and lookup is
// limited to it. A national role (the `national` flag, auditors only) spans every site, by name
// and nowhere else. An invitee's whole world is the one meeting their link was for.
// Here are the where-clauses for sites, meetings, cases and actions; reach.ts answers single lookups
// with them, and the person search (intake/person-search.ts) and the audit trail (audit-scope.ts)
// apply the same rule in their own queries.

/** Whether a staff member's work reaches a site: their own, or any for a national role. */
export const reachesSite = (p: StaffPrincipal, siteId: string) => p.national || p.siteId === siteId;

/** The sites a staff member may see: theirs, or every one. */
const ownSite = (p: StaffPrincipal): { siteId?: string } => (p.national ? {} : { siteId: p.siteId });

export function siteScope(p: Principal): Prisma.SiteWhereInput {
  if (p.kind === 'invitee') return { meetings: { some: { id: p.meetingId } } };
  return p.national ? {} : { id: p.siteId };
}

export function meetingScope(p: Principal): Prisma.MeetingWhereInput {
  return p.kind === 'invitee' ? { id: p.meetingId } : ownSite(p);
}

/** Invitees see only the families on their own meeting's list, and only once admitted. */
export function caseScope(p: Principal): Prisma.CaseWhereInput {
  if (p.kind === 'invitee') return p.admitted ? { agendaItems: { some: { meetingId: p.meetingId } } } : { id: { in: [] } };
  return ownSite(p);
}

/** Staff only: an invitee updates no records between meetings. */
export function actionScope(p: StaffPrincipal): Prisma.ActionWhereInput {
  return { case: ownSite(p) };
}
