import { z } from 'zod';
import type { WeekFigures } from '../../shared/api/reports.js';
import type { Db } from '../db/client.js';
import { asNumber, nzLocal, type ReportWindow } from './report-window.js';

const N = z.union([z.number(), z.bigint()]).transform((v) => asNumber(v) ?? 0);

const Totals = z.array(z.object({ episodes: N, families: N, repeatFamilies: N }));

/** Episodes in the range, the families they were in, and the families with two or more. */
export async function episodeTotals(db: Db, w: ReportWindow) {
  const rows = Totals.parse(await db.$queryRaw`
    WITH per_family AS (
      SELECT e."caseId", count(*) AS n
      FROM "Episode" e
      WHERE e."siteId" = ANY(${w.siteIds}::text[])
        AND e."occurredAt" >= ${w.start}::timestamp AND e."occurredAt" < ${w.end}::timestamp
      GROUP BY e."caseId"
    )
    SELECT coalesce(sum(n), 0)::int AS "episodes", count(*)::int AS "families",
           (count(*) FILTER (WHERE n >= 2))::int AS "repeatFamilies"
    FROM per_family`);
  return rows[0]!;
}

const Weeks = z.array(z.object({ week: z.string(), episodes: N, repeatEpisodes: N }));

/**
 * Episodes per week (weeks start on Monday, Pacific/Auckland), and how many were repeats: the
 * family had another episode in the 365 days before, whenever that was. One pass over the range
 * and the year before it, each episode beside its family's previous one.
 */
export async function weeklyEpisodes(db: Db, w: ReportWindow): Promise<WeekFigures[]> {
  return Weeks.parse(await db.$queryRaw`
    WITH e AS (
      SELECT e."occurredAt", lag(e."occurredAt") OVER (PARTITION BY e."caseId" ORDER BY e."occurredAt", e.id) AS prior
      FROM "Episode" e
      WHERE e."siteId" = ANY(${w.siteIds}::text[])
        AND e."occurredAt" >= ${w.start}::timestamp - interval '365 days' AND e."occurredAt" < ${w.end}::timestamp
    )
    SELECT to_char(date_trunc('week', ${nzLocal('e."occurredAt"')}), 'YYYY-MM-DD') AS "week",
           count(*)::int AS "episodes",
           (count(*) FILTER (WHERE e.prior >= e."occurredAt" - interval '365 days'))::int AS "repeatEpisodes"
    FROM e
    WHERE e."occurredAt" >= ${w.start}::timestamp
    GROUP BY 1 ORDER BY 1`);
}
