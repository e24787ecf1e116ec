import { z } from 'zod';
import type { RevictimisationFigures } from '../../shared/api/reports.js';
import { UNKNOWN_ETHNICITY } from '../../shared/ethnicity.js';
import type { Db } from '../db/client.js';
import { asNumber, nzLocal, type ReportWindow } from './report-window.js';

const N = z.union([z.number(), z.bigint()]).transform((v) => asNumber(v) ?? 0);
const Rows = z.array(z.object({ ethnicity: z.string(), cohort: N, revictimised: N }));

/** How many days after someone's first episode another one counts as re-victimisation. */
export const REVICTIMISATION_DAYS = 365;

export type EthnicityRevictimisation = RevictimisationFigures & { ethnicity: string };

export const withRate = (cohort: number, revictimised: number): RevictimisationFigures =>
  ({ cohort, revictimised, rate: cohort === 0 ? null : revictimised / cohort });

/**
 * The cohort is everyone who was the person at risk in an episode in the range, from their first
 * such episode (whichever family it was in); they were re-victimised if they are the person at
 * risk in another episode of these sites up to 365 calendar days (Pacific/Auckland) after it, even
 * after the range ends. Grouped by their recorded ethnicity.
 */
export async function revictimisationByEthnicity(db: Db, w: ReportWindow): Promise<EthnicityRevictimisation[]> {
  // Each episode beside the same person's next one (a year and a day past the range is enough to
  // see it), then each person's first episode in the range: one pass, no lookup per person.
  const rows = Rows.parse(await db.$queryRaw`
    WITH ordered AS (
      SELECT e.id, e."personAtRiskId" AS person, e."occurredAt",
             lead(e."occurredAt") OVER (PARTITION BY e."personAtRiskId" ORDER BY e."occurredAt", e.id) AS next_at
      FROM "Episode" e
      WHERE e."siteId" = ANY(${w.siteIds}::text[]) AND e."personAtRiskId" IS NOT NULL
        AND e."occurredAt" >= ${w.start}::timestamp AND e."occurredAt" < ${w.end}::timestamp + interval '367 days'
    ), firsts AS (
      SELECT DISTINCT ON (person) person, "occurredAt", next_at
      FROM ordered WHERE "occurredAt" < ${w.end}::timestamp
      ORDER BY person, "occurredAt", id
    )
    SELECT coalesce(p.ethnicity, ${UNKNOWN_ETHNICITY}::text) AS "ethnicity", count(*)::int AS "cohort",
           (count(*) FILTER (WHERE f.next_at IS NOT NULL
             AND ${nzLocal('f.next_at')}::date - ${nzLocal('f."occurredAt"')}::date <= ${REVICTIMISATION_DAYS}::int))::int AS "revictimised"
    FROM firsts f JOIN "Person" p ON p.id = f.person
    GROUP BY 1`);
  return rows.map((r) => ({ ethnicity: r.ethnicity, ...withRate(r.cohort, r.revictimised) }));
}
