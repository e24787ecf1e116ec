import { SiteReport } from '../../../shared/api/reports.js';
import { apiGet, withQuery } from '../api/http.js';

export interface ReportRange {
  siteId: string;
  from: string;
  to: string;
}

export const fetchSiteReport = (range: ReportRange, signal?: AbortSignal) =>
  apiGet(withQuery('/api/reports/site', { ...range }), SiteReport, signal);

/** Downloads are plain links: the browser saves what the server names. */
export const figuresCsvUrl = (range: ReportRange) => withQuery('/api/reports/site.csv', { ...range });
export const extractCsvUrl = (range: ReportRange) => withQuery('/api/reports/extract.csv', { ...range });
