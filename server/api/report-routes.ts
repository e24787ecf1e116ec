import { NationalReport, NationalReportQuery, SiteReport, SiteReportQuery } from '../../shared/api/reports.js';
import type { AppContext } from '../app-context.js';
import { Reach } from '../access/reach.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { nationalReport } from '../reports/national-report.js';
import { nationalStaff, REPORT_ROLES, reportSite } from '../reports/report-access.js';
import { reportFigures } from '../reports/report-figures.js';
import { reportWindow } from '../reports/report-window.js';

export function reportRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  return [
    defineRoute({
      method: 'get', path: '/reports/site', tag: 'reports', access: REPORT_ROLES,
      summary: "A site's throughput and outcomes over a range of days (Pacific/Auckland, both ends included): episodes, families and repeats, meetings and items, actions by agency, re-victimisation by ethnicity, and weekly trends",
      query: SiteReportQuery,
      response: SiteReport,
      errors: { 404: 'Site not found' },
      handler: async ({ query, principal }) => {
        const { site } = await reportSite(ctx.db, reach, principal!, query.siteId, 'report.site');
        return { site, from: query.from, to: query.to, figures: await reportFigures(ctx.db, reportWindow([site.id], query.from, query.to)) };
      },
    }),
    defineRoute({
      method: 'get', path: '/reports/national', tag: 'reports', access: REPORT_ROLES,
      summary: 'National roles only: the same figures for every site but training sites, and for all of them together',
      query: NationalReportQuery,
      response: NationalReport,
      handler: async ({ query, principal }) => {
        nationalStaff(principal!);
        return nationalReport(ctx.db, query.from, query.to);
      },
    }),
  ];
}
