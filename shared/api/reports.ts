import { DateTime } from 'luxon';
import { z } from 'zod';
import { IsoDate, NZ_TIME_ZONE } from '../domain.js';

// Throughput and outcomes of a site, or of every live site (docs/architecture.md, Reports).
// Dates are Pacific/Auckland calendar days, both ends included.

/** The longest range a report covers: longer would mean little and cost much. */
export const MAX_REPORT_YEARS = 5;

const rangeChecks = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  const from = DateTime.fromISO(v.from, { zone: NZ_TIME_ZONE });
  const to = DateTime.fromISO(v.to, { zone: NZ_TIME_ZONE });
  if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be on or before to' });
  else if (to > from.plus({ years: MAX_REPORT_YEARS })) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be within ${MAX_REPORT_YEARS} years of from` });
};

const Range = { from: IsoDate, to: IsoDate };

export const SiteReportQuery = z.object({ siteId: z.uuid(), ...Range }).superRefine(rangeChecks);
export type SiteReportQuery = z.infer<typeof SiteReportQuery>;

export const NationalReportQuery = z.object(Range).superRefine(rangeChecks);
export type NationalReportQuery = z.infer<typeof NationalReportQuery>;

const Count = z.number().int().min(0);
/** A share from 0 to 1; null when there is nothing to divide by. */
const Rate = z.number().min(0).max(1).nullable();

export const ActionFigures = z.object({
  /** Actions due in the range, other than cancelled ones. */
  assigned: Count,
  done: Count,
  /** Done on or before the due date (Pacific/Auckland). */
  doneOnTime: Count,
  /** Still open or in progress after their due date. */
  overdue: Count,
  notDoneCircumstances: Count,
  notDoneAgency: Count,
});
export type ActionFigures = z.infer<typeof ActionFigures>;

export const RevictimisationFigures = z.object({
  /** Distinct people at risk in an episode in the range, each from their first such episode. */
  cohort: Count,
  /** Of those, people at risk in another episode within 365 days after that first one. */
  revictimised: Count,
  rate: Rate,
});
export type RevictimisationFigures = z.infer<typeof RevictimisationFigures>;

export const WeekFigures = z.object({
  /** The Monday the week starts on. */
  week: IsoDate,
  episodes: Count,
  /** Episodes of a family that had another episode in the 365 days before. */
  repeatEpisodes: Count,
});
export type WeekFigures = z.infer<typeof WeekFigures>;

export const ReportFigures = z.object({
  episodes: Count,
  families: Count,
  /** Families with two or more episodes in the range. */
  repeatFamilies: Count,
  /** Meetings held (started) on a day in the range. */
  meetings: Count,
  itemsDecided: Count,
  itemsDeferred: Count,
  /** Median of the item timer over the items it ran for; null when it never ran. */
  medianMinutesPerItem: z.number().min(0).nullable(),
  /** Families whose latest item, in a meeting up to `to`, was deferred or carried over and is not decided. */
  backlog: Count,
  actions: ActionFigures.extend({ byAgency: z.array(ActionFigures.extend({ agency: z.string(), agencyName: z.string() })) }),
  revictimisation: RevictimisationFigures.extend({
    /** Per ethnic group of the person at risk, `unknown` when not recorded. */
    byEthnicity: z.array(RevictimisationFigures.extend({ ethnicity: z.string() })),
    /** Māori against everyone with another recorded ethnicity (unknown left out of both). */
    maori: RevictimisationFigures,
    nonMaori: RevictimisationFigures,
  }),
  weekly: z.array(WeekFigures),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const SiteReport = z.object({
  site: z.object({ id: z.string(), code: z.string(), name: z.string(), training: z.boolean() }),
  from: IsoDate,
  to: IsoDate,
  figures: ReportFigures,
});
export type SiteReport = z.infer<typeof SiteReport>;

export const NationalReport = z.object({
  from: IsoDate,
  to: IsoDate,
  /** Every site but training sites. */
  sites: z.array(SiteReport),
  /** All of them as one population: counts add up; a person at risk at two sites is one person. */
  total: ReportFigures,
});
export type NationalReport = z.infer<typeof NationalReport>;
