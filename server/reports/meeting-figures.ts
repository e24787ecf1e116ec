import { z } from 'zod';
import type { Db } from '../db/client.js';
import { asNumber, type ReportWindow } from './report-window.js';

const N = z.union([z.number(), z.bigint()]).transform((v) => asNumber(v) ?? 0);
const Totals = z.array(z.object({
  meetings: N, itemsDecided: N, itemsDeferred: N,
  medianMs: z.union([z.number(), z.string()]).nullable().transform((v) => (v === null ? null : Number(v))),
}));
const Backlog = z.array(z.object({ backlog: N }));

/** Meetings held on a day in the range, what they decided and deferred, and the item timer's median. */
export async function meetingTotals(db: Db, w: ReportWindow) {
  const rows = Totals.parse(await db.$queryRaw`
    SELECT (count(DISTINCT m.id) FILTER (WHERE m."startedAt" IS NOT NULL))::int AS "meetings",
           (count(i.id) FILTER (WHERE i.status = 'DECIDED'))::int AS "itemsDecided",
           (count(i.id) FILTER (WHERE i.status = 'DEFERRED'))::int AS "itemsDeferred",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY i."discussionMs") FILTER (WHERE i."discussionMs" > 0) AS "medianMs"
    FROM "Meeting" m LEFT JOIN "AgendaItem" i ON i."meetingId" = m.id
    WHERE m."siteId" = ANY(${w.siteIds}::text[]) AND m.date >= ${w.from}::date AND m.date <= ${w.to}::date`);
  const { medianMs, ...counts } = rows[0]!;
  return { ...counts, medianMinutesPerItem: medianMs === null ? null : Math.round((medianMs / 60_000) * 10) / 10 };
}

/**
 * Families waiting on a decision at the end of the range: their latest item, in a meeting up to
 * `to`, was deferred, or was carried over and is still pending. A family counts once however
 * often it was carried.
 */
export async function backlog(db: Db, w: ReportWindow): Promise<number> {
  const rows = Backlog.parse(await db.$queryRaw`
    SELECT count(*)::int AS "backlog" FROM (
      SELECT DISTINCT ON (i."caseId") i.status, i.reason
      FROM "AgendaItem" i JOIN "Meeting" m ON m.id = i."meetingId"
      WHERE m."siteId" = ANY(${w.siteIds}::text[]) AND m.date <= ${w.to}::date
      ORDER BY i."caseId", m.date DESC, i."createdAt" DESC
    ) latest
    WHERE latest.status = 'DEFERRED' OR (latest.status = 'PENDING' AND latest.reason = 'CARRIED_OVER')`);
  return rows[0]!.backlog;
}
