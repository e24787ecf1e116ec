import type { AdminSite, CreateSiteRequest, ScheduleRequest } from '../../shared/api/admin.js';
import type { StaffPrincipal } from '../access/require-role.js';
import { siteScope } from '../access/site-scope.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import type { Site } from '../db/generated/client.js';
import { conflict } from '../domain/domain-error.js';
import { byAdmin } from './admin-access.js';

export const toAdminSite = (s: Site): AdminSite => ({
  id: s.id, code: s.code, name: s.name, dailyMeetingTime: s.dailyMeetingTime, icmReviewWeekday: s.icmReviewWeekday, training: s.training,
});

export async function listSites(db: Db, p: StaffPrincipal): Promise<AdminSite[]> {
  return (await db.site.findMany({ where: siteScope(p), orderBy: { name: 'asc' } })).map(toAdminSite);
}

export async function createSite(
  ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, req: Required<CreateSiteRequest>, training = false,
): Promise<Site> {
  if (await ctx.db.site.findUnique({ where: { code: req.code } })) throw conflict('SITE_EXISTS', `A site with code ${req.code} already exists`);
  return ctx.db.$transaction(async (tx) => {
    const site = await tx.site.create({ data: { ...req, training } });
    await ctx.audit.record({ ...byAdmin(p), action: 'site.create', subjectType: 'Site', subjectId: site.id, details: { code: site.code, training } }, tx);
    return site;
  });
}

export async function setSchedule(ctx: { db: Db; audit: AuditLog }, p: StaffPrincipal, site: Site, req: ScheduleRequest): Promise<AdminSite> {
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.site.update({ where: { id: site.id }, data: req });
    await ctx.audit.record({
      ...byAdmin(p), action: 'site.schedule', subjectType: 'Site', subjectId: site.id,
      details: { from: { dailyMeetingTime: site.dailyMeetingTime, icmReviewWeekday: site.icmReviewWeekday }, to: req },
    }, tx);
    return toAdminSite(updated);
  });
}
