import type { NationalReport } from '../../shared/api/reports.js';
import type { Db } from '../db/client.js';
import { reportFigures } from './report-figures.js';
import { reportWindow } from './report-window.js';

/** Every live site's figures, and all of them together; training sites never count nationally. */
export async function nationalReport(db: Db, from: string, to: string): Promise<NationalReport> {
  const sites = await db.site.findMany({ where: { training: false }, select: { id: true, code: true, name: true, training: true }, orderBy: { code: 'asc' } });
  const perSite = [];
  for (const site of sites) perSite.push({ site, from, to, figures: await reportFigures(db, reportWindow([site.id], from, to)) });
  return { from, to, sites: perSite, total: await reportFigures(db, reportWindow(sites.map((s) => s.id), from, to)) };
}
