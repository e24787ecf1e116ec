import { describe, expect, it } from 'vitest';
import { nextDailyMeetingDate, nextIcmReviewDate } from './schedule.js';

const site = { timezone: 'Pacific/Auckland', dailyMeetingTime: '09:00' };
// NZDT is UTC+13.
const nz = (iso: string) => new Date(`${iso}+13:00`);

describe('the next daily SAM a site schedule calls for', () => {
  it("is today's before its start time, and tomorrow's from then on", () => {
    expect(nextDailyMeetingDate(site, nz('2026-11-30T08:59'))).toBe('2026-11-30');
    expect(nextDailyMeetingDate(site, nz('2026-11-30T09:00'))).toBe('2026-12-01');
    expect(nextDailyMeetingDate({ ...site, dailyMeetingTime: '08:30' }, nz('2026-11-30T08:45'))).toBe('2026-12-01');
  });

  it("uses the site's time: 19:30 UTC is already the next morning in Auckland", () => {
    expect(nextDailyMeetingDate(site, new Date('2026-11-29T19:30:00Z'))).toBe('2026-11-30');
  });
});

describe('the next weekly ICM review', () => {
  // 2026-11-30 is a Monday; 3 is Wednesday.
  const wednesdays = { ...site, icmReviewWeekday: 3 };
  it('is on the site’s weekday: this week’s until its start time, then next week’s', () => {
    expect(nextIcmReviewDate(wednesdays, nz('2026-11-30T10:00'))).toBe('2026-12-02');
    expect(nextIcmReviewDate(wednesdays, nz('2026-12-02T08:59'))).toBe('2026-12-02');
    expect(nextIcmReviewDate(wednesdays, nz('2026-12-02T09:00'))).toBe('2026-12-09');
    expect(nextIcmReviewDate({ ...site, icmReviewWeekday: 7 }, nz('2026-12-05T12:00'))).toBe('2026-12-06');
  });
});
