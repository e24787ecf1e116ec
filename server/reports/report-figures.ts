import type { ReportFigures } from '../../shared/api/reports.js';
import { ETHNIC_GROUPS, ethnicGroupOf, UNKNOWN_ETHNICITY } from '../../shared/ethnicity.js';
import type { Db } from '../db/client.js';
import { actionsByAgency, sumActions } from './action-figures.js';
import { episodeTotals, weeklyEpisodes } from './episode-figures.js';
import { backlog, meetingTotals } from './meeting-figures.js';
import type { ReportWindow } from './report-window.js';
import { revictimisationByEthnicity, withRate, type EthnicityRevictimisation } from './revictimisation.js';

/** Stats NZ's order, then anything else recorded, then unknown. */
const groupOrder = (ethnicity: string) => {
  const group = ethnicGroupOf(ethnicity);
  return group ? ETHNIC_GROUPS.indexOf(group) : ethnicity === UNKNOWN_ETHNICITY ? ETHNIC_GROUPS.length + 1 : ETHNIC_GROUPS.length;
};

const sumOf = (rows: readonly EthnicityRevictimisation[]) =>
  withRate(rows.reduce((n, r) => n + r.cohort, 0), rows.reduce((n, r) => n + r.revictimised, 0));

/**
 * Every figure of a report over a set of sites, each aggregated in the database: a handful of
 * queries whose cost follows the range's rows through indexes, not the whole history.
 */
export async function reportFigures(db: Db, w: ReportWindow): Promise<ReportFigures> {
  // One after another: on the embedded database they would queue anyway, and on PostgreSQL a
  // report should not take several pooled connections from the live meetings.
  const episodes = await episodeTotals(db, w);
  const meetings = await meetingTotals(db, w);
  const waiting = await backlog(db, w);
  const byAgency = await actionsByAgency(db, w);
  const byEthnicity = (await revictimisationByEthnicity(db, w)).sort((a, b) => groupOrder(a.ethnicity) - groupOrder(b.ethnicity) || a.ethnicity.localeCompare(b.ethnicity));
  const weekly = await weeklyEpisodes(db, w);
  const maori = byEthnicity.filter((r) => ethnicGroupOf(r.ethnicity) === 'Māori');
  const nonMaori = byEthnicity.filter((r) => r.ethnicity !== UNKNOWN_ETHNICITY && ethnicGroupOf(r.ethnicity) !== 'Māori');
  return {
    ...episodes,
    ...meetings,
    backlog: waiting,
    actions: { ...sumActions(byAgency), byAgency },
    revictimisation: { ...sumOf(byEthnicity), byEthnicity, maori: sumOf(maori), nonMaori: sumOf(nonMaori) },
    weekly,
  };
}
