import { describe, expect, it } from 'vitest';
import { nextDailyMeetingDate } from './schedule.js';

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
