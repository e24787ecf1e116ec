import { DateTime } from 'luxon';

export interface SiteSchedule {
  timezone: string;
  /** "HH:mm" in the site's timezone. */
  dailyMeetingTime: string;
}

/**
 * The date of the next daily SAM the site's schedule calls for, as of `now`: today's while its
 * start time is still ahead in the site's timezone, otherwise tomorrow's.
 */
export function nextDailyMeetingDate(site: SiteSchedule, now: Date): string {
  const [hour, minute] = site.dailyMeetingTime.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: site.timezone });
  const startToday = local.set({ hour: hour ?? 9, minute: minute ?? 0, second: 0, millisecond: 0 });
  return (local < startToday ? local : local.plus({ days: 1 })).toISODate()!;
}

/**
 * The date of the site's next weekly ICM review: on its weekday (1 Monday … 7 Sunday, as ISO
 * numbers them), at the daily meeting's time; today's while that time is still ahead.
 */
export function nextIcmReviewDate(site: SiteSchedule & { icmReviewWeekday: number }, now: Date): string {
  const [hour, minute] = site.dailyMeetingTime.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: site.timezone });
  const start = local.set({ hour: hour ?? 9, minute: minute ?? 0, second: 0, millisecond: 0 });
  let days = (site.icmReviewWeekday - local.weekday + 7) % 7;
  if (days === 0 && local >= start) days = 7;
  return local.plus({ days }).toISODate()!;
}

/** Today in the site's timezone. */
export const siteToday = (site: Pick<SiteSchedule, 'timezone'>, now: Date) => DateTime.fromJSDate(now, { zone: site.timezone }).toISODate()!;
