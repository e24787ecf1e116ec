import type { AppContext } from '../app-context.js';
import { DomainError } from '../domain/domain-error.js';
import { createMeeting } from './create-meeting.js';
import { dateColumn } from '../../shared/nz-time.js';
import { nextDailyMeetingDate, siteToday } from './schedule.js';

/** Who the audit trail names for meetings the schedule makes. */
const SCHEDULE_ACTOR = { id: null, label: 'SAM Room schedule' };

/**
 * Makes each site's next daily SAM by its schedule (site.dailyMeetingTime) once no daily meeting
 * is waiting to be held: at start-up and then every interval. Every process runs it; the meeting's
 * unique key lets one create it and the others find it there. ICM reviews are made by hand.
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
    const sites = await this.ctx.db.site.findMany({ select: { id: true, timezone: true, dailyMeetingTime: true } });
    let created = 0;
    for (const site of sites) {
      const waiting = await this.ctx.db.meeting.count({
        where: { siteId: site.id, kind: 'DAILY_SAM', status: { not: 'CLOSED' }, date: { gte: dateColumn(siteToday(site, now)) } },
      });
      const date = nextDailyMeetingDate(site, now);
      if (waiting > 0 || (await this.ctx.db.meeting.count({ where: { siteId: site.id, kind: 'DAILY_SAM', date: dateColumn(date) } })) > 0) continue;
      try {
        await createMeeting(this.ctx, { siteId: site.id, date, kind: 'DAILY_SAM' }, SCHEDULE_ACTOR);
        created++;
      } catch (err) {
        // Another process made it first.
        if (!(err instanceof DomainError && err.code === 'MEETING_EXISTS')) throw err;
      }
    }
    return created;
  }
}
