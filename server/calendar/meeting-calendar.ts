import type { AppContext } from '../app-context.js';
import { DomainError } from '../domain/domain-error.js';
import { createMeeting } from './create-meeting.js';
import { dateColumn } from '../../shared/nz-time.js';
import type { MeetingKind } from '../../shared/domain.js';
import { nextDailyMeetingDate, nextIcmReviewDate, siteToday } from './schedule.js';

/** Who the audit trail names for meetings the schedule makes. */
const SCHEDULE_ACTOR = { id: null, label: 'SAM Room schedule' };

/**
 * Makes each site's next daily SAM by its schedule (site.dailyMeetingTime) once no daily meeting
 * is waiting to be held, and its next weekly ICM review (on site.icmReviewWeekday, where set) once
 * no review is waiting: at start-up and then every interval. Every process runs it; the meeting's
 * unique key lets one create it and the others find it there.
 */
export class MeetingCalendar {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'audit' | 'log'>,
    private readonly intervalMs: number,
  ) {}

  async start(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => 0);
  }

  /** One pass over every site; resolves to the number of meetings this process created. */
  run(now = new Date()): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => this.pass(now)).catch((err: unknown) => {
      this.ctx.log.error({ err }, 'the meeting calendar could not create the scheduled meetings');
      return 0;
    });
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    const sites = await this.ctx.db.site.findMany({ select: { id: true, timezone: true, dailyMeetingTime: true, icmReviewWeekday: true } });
    let created = 0;
    for (const site of sites) {
      if (await this.ensure(site.id, 'DAILY_SAM', siteToday(site, now), nextDailyMeetingDate(site, now))) created++;
      if (site.icmReviewWeekday !== null
        && await this.ensure(site.id, 'ICM_REVIEW', siteToday(site, now), nextIcmReviewDate({ ...site, icmReviewWeekday: site.icmReviewWeekday }, now))) created++;
    }
    return created;
  }

  /** Creates the site's meeting of this kind on `date` unless one is waiting to be held; true when this process made it. */
  private async ensure(siteId: string, kind: MeetingKind, today: string, date: string): Promise<boolean> {
    const waiting = await this.ctx.db.meeting.count({ where: { siteId, kind, status: { not: 'CLOSED' }, date: { gte: dateColumn(today) } } });
    if (waiting > 0 || (await this.ctx.db.meeting.count({ where: { siteId, kind, date: dateColumn(date) } })) > 0) return false;
    try {
      await createMeeting(this.ctx, { siteId, date, kind }, SCHEDULE_ACTOR);
      return true;
    } catch (err) {
      // Another process made it first.
      if (!(err instanceof DomainError && err.code === 'MEETING_EXISTS')) throw err;
      return false;
    }
  }
}
