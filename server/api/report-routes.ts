import { NationalReport, NationalReportQuery, SiteReport, SiteReportQuery } from '../../shared/api/reports.js';
import type { AppContext } from '../app-context.js';
import { Reach } from '../access/reach.js';
import type { Response } from 'express';
import { actorLabel } from '../auth/principal.js';
import { fileSlug } from '../exports/file-names.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { deidentifiedExtract } from '../reports/deidentified-extract.js';
import { figuresCsv } from '../reports/figures-csv.js';
import { Pseudonyms } from '../reports/pseudonyms.js';
import { nationalReport } from '../reports/national-report.js';
import { nationalStaff, REPORT_ROLES, reportSite } from '../reports/report-access.js';
import { reportFigures } from '../reports/report-figures.js';
import { reportWindow } from '../reports/report-window.js';

function sendCsv(res: Response, name: string, csv: Buffer): void {
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` }).send(csv);
}

export function reportRoutes(ctx: AppContext): AnyRoute[] {
  const reach = new Reach(ctx.db, ctx.audit);
  const pseudonyms = new Pseudonyms(ctx.config.AUDIT_KEY);
  const siteReport = async (site: { id: string; code: string; name: string; training: boolean }, from: string, to: string) =>
    ({ site, from, to, figures: await reportFigures(ctx.db, reportWindow([site.id], from, to)) });
  return [
    defineRoute({
      method: 'get', path: '/reports/site', tag: 'reports', access: REPORT_ROLES,
      summary: "A site's throughput and outcomes over a range of days (Pacific/Auckland, both ends included): episodes, families and repeats, meetings and items, actions by agency, re-victimisation by ethnicity, and weekly trends",
      query: SiteReportQuery,
      response: SiteReport,
      errors: { 404: 'Site not found' },
      handler: async ({ query, principal }) => {
        const { site } = await reportSite(ctx.db, reach, principal!, query.siteId, 'report.site');
        return siteReport(site, query.from, query.to);
      },
    }),
    defineRoute({
      method: 'get', path: '/reports/site.csv', tag: 'reports', access: REPORT_ROLES,
      summary: "The same figures as CSV, one figure per row (figure, group, value); audited",
      query: SiteReportQuery,
      produces: ['text/csv'],
      errors: { 404: 'Site not found' },
      handler: async ({ query, principal, res }) => {
        const { site, staff } = await reportSite(ctx.db, reach, principal!, query.siteId, 'report.csv');
        const csv = figuresCsv(await siteReport(site, query.from, query.to));
        await ctx.audit.record({
          actorId: staff.userId, actorLabel: actorLabel(staff), action: 'report.export', subjectType: 'Site', subjectId: site.id,
          details: { from: query.from, to: query.to },
        });
        sendCsv(res, `SAM-report-${fileSlug(site.name)}-${query.from}-${query.to}`, csv);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/reports/extract.csv', tag: 'reports', access: REPORT_ROLES,
      summary: "For evaluators: one de-identified row per episode in the range (no names or free text, birth years only, stable pseudonyms for every reference); audited",
      query: SiteReportQuery,
      produces: ['text/csv'],
      errors: { 404: 'Site not found' },
      handler: async ({ query, principal, res }) => {
        const { site, staff } = await reportSite(ctx.db, reach, principal!, query.siteId, 'report.extract');
        const { csv, rows } = await deidentifiedExtract(ctx.db, reportWindow([site.id], query.from, query.to), pseudonyms);
        await ctx.audit.record({
          actorId: staff.userId, actorLabel: actorLabel(staff), action: 'report.extract', subjectType: 'Site', subjectId: site.id,
          details: { from: query.from, to: query.to, rows },
        });
        sendCsv(res, `SAM-deidentified-episodes-${fileSlug(site.name)}-${query.from}-${query.to}`, csv);
        return undefined;
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
