import type { Role } from '../../shared/domain.js';
import type { Reach } from '../access/reach.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { forbidden, invalidField, notFound } from '../domain/domain-error.js';

/** Who reads a site's figures: those who run and oversee its meetings (representatives report to their own agencies). */
export const REPORT_ROLES: readonly Role[] = ['CHAIR', 'COORDINATOR', 'AUDITOR'];

export interface ReportSite {
  id: string;
  code: string;
  name: string;
  training: boolean;
}

/**
 * The site a report is asked for, if the person may see it. An id that names no site is a bad
 * parameter (400); another site's is not found (404, audited), as everywhere.
 */
export async function reportSite(db: Db, reach: Reach, p: Principal, siteId: string, op: string): Promise<{ site: ReportSite; staff: StaffPrincipal }> {
  if (p.kind !== 'staff') throw forbidden('Reports are for staff accounts');
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, code: true, name: true, training: true } });
  if (!site) throw invalidField('siteId', 'no site has this id');
  if (!(await reach.site(p, siteId, op))) throw notFound('Site');
  return { site, staff: p };
}

/** The national figures are for national roles only. */
export function nationalStaff(p: Principal): StaffPrincipal {
  if (p.kind !== 'staff' || !p.national) throw forbidden('National figures are for national roles');
  return p;
}
