import { stringify } from 'csv-stringify/sync';
import type { ReportFigures, SiteReport } from '../../shared/api/reports.js';
import { neutraliseCell } from '../exports/csv-safety.js';

type Row = [figure: string, group: string, value: number | null];

function rowsOf(f: ReportFigures): Row[] {
  const { byAgency, ...actions } = f.actions;
  const { byEthnicity, maori, nonMaori, ...revictimisation } = f.revictimisation;
  const rates = (prefix: string, group: string, r: { cohort: number; revictimised: number; rate: number | null }): Row[] =>
    [[`${prefix}.cohort`, group, r.cohort], [`${prefix}.revictimised`, group, r.revictimised], [`${prefix}.rate`, group, r.rate]];
  return [
    ...(['episodes', 'families', 'repeatFamilies', 'meetings', 'itemsDecided', 'itemsDeferred', 'medianMinutesPerItem', 'backlog'] as const)
      .map((k): Row => [k, '', f[k]]),
    ...Object.entries(actions).map(([k, v]): Row => [`actions.${k}`, '', v]),
    ...byAgency.flatMap(({ agency, agencyName: _name, ...figures }) => Object.entries(figures).map(([k, v]): Row => [`actions.${k}`, agency, v])),
    ...rates('revictimisation', '', revictimisation),
    ...byEthnicity.flatMap(({ ethnicity, ...r }) => rates('revictimisation', ethnicity, r)),
    ...rates('revictimisation', 'Māori', maori).map(([k, , v]): Row => [k, 'Māori (all recorded Māori)', v]),
    ...rates('revictimisation', 'non-Māori', nonMaori).map(([k, , v]): Row => [k, 'non-Māori (recorded, other groups)', v]),
    ...f.weekly.flatMap((w): Row[] => [['weekly.episodes', w.week, w.episodes], ['weekly.repeatEpisodes', w.week, w.repeatEpisodes]]),
  ];
}

/**
 * A report's figures as CSV, one figure per row (`figure, group, value`), so a spreadsheet can
 * filter and chart them: UTF-8 with a BOM for macrons, CRLF, an empty value where there is none.
 */
export function figuresCsv(report: SiteReport): Buffer {
  const head = [['site', 'from', 'to', 'figure', 'group', 'value']];
  const rows = rowsOf(report.figures).map(([figure, group, value]) => [report.site.name, report.from, report.to, figure, group, value === null ? '' : String(value)]);
  return Buffer.from(stringify([...head, ...rows].map((r) => r.map(neutraliseCell)), { bom: true, record_delimiter: 'windows' }), 'utf8');
}
