import type { Role } from '../../shared/domain.js';

// Need to know: the one rule every view of a family's record applies — an agency's minutes and
// action list, the case API and the case page. An agency sees the full detail of a family it works
// with: it leads, holds an action, or shared what it knows there. Otherwise it sees the outcome
// (risk level, pathway, lead agency) and nothing more. The chair, the coordinator and auditors see
// every family's whole record. Which families a person reaches at all is the site's rule
// (site-scope.ts); this one decides how much of a reachable family they see.

/** Whose need to know a view serves: one agency, or null for a view that holds everything. */
export type Viewer = { agencyId: string } | null;

const WHOLE_RECORD: ReadonlySet<Role> = new Set<Role>(['CHAIR', 'COORDINATOR', 'AUDITOR']);

/** The view a person gets: their agency's, unless their role sees the whole record. */
export function viewerOf(p: { role: Role; agency: { id: string } }): Viewer {
  return WHOLE_RECORD.has(p.role) ? null : { agencyId: p.agency.id };
}

/** What agencies did for a family, or for one of its items on a meeting's list. */
export interface Involvement {
  leadAgencyIds: Iterable<string | null>;
  actionAgencyIds: Iterable<string>;
  /** Agencies that shared information: withholding shares nothing, so it does not count. */
  sharingAgencyIds: Iterable<string>;
}

export function needsToKnow(viewer: Viewer, involvement: Involvement): boolean {
  if (viewer === null) return true;
  const among = (ids: Iterable<string | null>) => [...ids].includes(viewer.agencyId);
  return among(involvement.leadAgencyIds) || among(involvement.actionAgencyIds) || among(involvement.sharingAgencyIds);
}
