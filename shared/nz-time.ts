import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from './domain.js';

/** Today's calendar date in Pacific/Auckland, as YYYY-MM-DD. */
export function todayInNz(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: NZ_TIME_ZONE }).toISODate() as string;
}

/** A stored calendar date (a Date at UTC midnight, Prisma's @db.Date) as YYYY-MM-DD. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD to the Date Prisma stores in a @db.Date column. */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}
