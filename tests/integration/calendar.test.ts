import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSummary } from '../../shared/api/meetings.js';
import { isoDateOf } from '../../shared/nz-time.js';
import { MeetingCalendar } from '../../server/calendar/meeting-calendar.js';
import { nextDailyMeetingDate } from '../../server/calendar/schedule.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The calendar: the coordinator creates meetings; each site's schedule creates its next daily SAM
// by itself once the last one is held, once, whichever process gets there first.

describe('the meeting calendar', () => {
  let server: TestServer;
  let coordinator: Browserish;

  beforeAll(async () => {
    server = await startTestServer();
    coordinator = new Browserish(server.url);
    await coordinator.login('coordinator@demo.test');
  });
  afterAll(async () => server?.stop());

  const dailies = (code: string) => server.ctx.db.meeting.findMany({ where: { site: { code }, kind: 'DAILY_SAM' }, orderBy: { date: 'asc' } });

  it("makes nothing while today's daily SAM is still to be held", async () => {
    const before = await dailies('CANTERBURY');
    expect(await new MeetingCalendar(server.ctx, 60_000).run()).toBe(0);
    expect(await dailies('CANTERBURY')).toEqual(before);
  });

  it('makes the next daily SAM once the last is closed, once across two schedulers, with the unfinished families carried onto it', async () => {
    const site = await server.ctx.db.site.findUniqueOrThrow({ where: { code: 'CANTERBURY' } });
    const today = await server.ctx.db.meeting.findFirstOrThrow({ where: { siteId: site.id, status: 'PREP', kind: 'DAILY_SAM' } });
    await server.ctx.db.meeting.update({ where: { id: today.id }, data: { status: 'CLOSED', closedAt: new Date() } });
    // Ten in the morning, after the meeting's start time: the next one is tomorrow's.
    const now = DateTime.fromISO(`${isoDateOf(today.date)}T10:00`, { zone: site.timezone }).toJSDate();
    const created = await Promise.all([new MeetingCalendar(server.ctx, 60_000).run(now), new MeetingCalendar(server.ctx, 60_000).run(now)]);
    expect(created[0]! + created[1]!).toBe(1);
    const next = (await dailies('CANTERBURY')).filter((m) => m.status === 'PREP');
    expect(next.map((m) => isoDateOf(m.date))).toEqual([nextDailyMeetingDate(site, now)]);
    const carried = await server.ctx.db.agendaItem.count({ where: { meetingId: next[0]!.id, reason: 'CARRIED_OVER' } });
    expect(carried).toBeGreaterThan(0);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'meeting.create', meetingId: next[0]!.id, actorLabel: 'SAM Room schedule' } })).toBe(1);
    // Waikato's meeting was untouched: it still waits to be held.
    expect((await dailies('WAIKATO')).filter((m) => m.status === 'PREP')).toHaveLength(1);
  });

  it('lets the coordinator create an ICM review, and refuses a second of the same kind and date with 409', async () => {
    const site = await server.ctx.db.site.findUniqueOrThrow({ where: { code: 'CANTERBURY' } });
    const body = { siteId: site.id, date: '2040-03-07', kind: 'ICM_REVIEW' };
    const res = await coordinator.request('POST', '/api/meetings', body);
    expect(res.status).toBe(201);
    expect(((await res.json()) as MeetingSummary)).toMatchObject({ date: '2040-03-07', kind: 'ICM_REVIEW', status: 'PREP' });
    const again = await coordinator.request('POST', '/api/meetings', body);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('MEETING_EXISTS');
  });
});
