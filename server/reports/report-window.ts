import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import { todayInNz } from '../../shared/nz-time.js';
import { Prisma } from '../db/client.js';

/** What every report query is given: the sites, and the range as calendar days and as instants. */
export interface ReportWindow {
  siteIds: string[];
  /** Calendar days in Pacific/Auckland, both included. */
  from: string;
  to: string;
  /** The range as UTC instants, `start` included and `end` (the day after `to` begins) excluded. */
  start: string;
  end: string;
  /** Today in Pacific/Auckland: actions due before it and still open are overdue. */
  today: string;
}

// Timestamps are stored as UTC without a zone (Prisma's DateTime), so instants are passed the same way.
const utcText = (dt: DateTime) => dt.toUTC().toFormat('yyyy-LL-dd HH:mm:ss.SSS');

export function reportWindow(siteIds: string[], from: string, to: string, now = new Date()): ReportWindow {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE }).startOf('day');
  return { siteIds, from, to, start: utcText(day(from)), end: utcText(day(to).plus({ days: 1 })), today: todayInNz(now) };
}

/** A stored UTC timestamp column as Pacific/Auckland wall-clock time, for calendar days and weeks. */
export const nzLocal = (column: string) => Prisma.raw(`((${column} AT TIME ZONE 'UTC') AT TIME ZONE '${NZ_TIME_ZONE}')`);

/** Counts come back as bigint or number depending on the driver: both read as a number. */
export const asNumber = (v: number | bigint | string | null): number | null => (v === null ? null : Number(v));
