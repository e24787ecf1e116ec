import { DateTime } from 'luxon';
import { UNFINISHED_ACTION_STATUSES, type Role } from '../../shared/domain.js';
import { dateColumn, isoDateOf } from '../../shared/nz-time.js';
import type { Db } from '../db/client.js';
import { Prisma } from '../db/client.js';
import { isPastTime } from './dates.js';
import { assignedMessage, digestMessage, emailText, type Message } from './reminder-content.js';

/** Who at an agency receives its reminder emails: those who work its actions. */
const RECIPIENT_ROLES: Role[] = ['REP', 'CHAIR', 'COORDINATOR'];
/** How far back a new action still gets its notice (a process down that long catches up). */
const ASSIGNED_WINDOW_HOURS = 24;

export interface NoticeSettings {
  digestTime: string;
  /** Where emails link to; null when there is no SMTP server and reminders stay in the app. */
  appUrl: string | null;
}

interface Notice {
  siteId: string;
  agencyId: string;
  kind: 'DAILY_DIGEST' | 'ACTION_ASSIGNED';
  dedupeKey: string;
  message: Message;
}

/**
 * Writes the reminders due now, each once: a digest per agency per day (its actions overdue and
 * due today, from the digest time in the site's timezone) and a notice per newly assigned action.
 * Any process may run this at any time: the notification's unique key lets the first write win,
 * and its email is written in the same transaction, so there is one email per notification.
 */
export async function writeDueNotices(db: Db, settings: NoticeSettings, now = new Date()): Promise<number> {
  const notices = [...(await digests(db, settings, now)), ...(await assignments(db, now))];
  let written = 0;
  for (const notice of notices) if (await writeOnce(db, notice, settings.appUrl)) written++;
  return written;
}

async function digests(db: Db, settings: NoticeSettings, now: Date): Promise<Notice[]> {
  const sites = await db.site.findMany({ select: { id: true, name: true, timezone: true } });
  const notices: Notice[] = [];
  for (const site of sites) {
    if (!isPastTime(now, site.timezone, settings.digestTime)) continue;
    const today = DateTime.fromJSDate(now, { zone: site.timezone }).toISODate()!;
    const owed = await db.action.groupBy({
      by: ['agencyId', 'dueDate'],
      where: { case: { siteId: site.id }, status: { in: [...UNFINISHED_ACTION_STATUSES] }, dueDate: { lte: dateColumn(today) } },
      _count: { _all: true },
    });
    const byAgency = new Map<string, { overdue: number; dueToday: number }>();
    for (const row of owed) {
      const counts = byAgency.get(row.agencyId) ?? { overdue: 0, dueToday: 0 };
      if (isoDateOf(row.dueDate) === today) counts.dueToday += row._count._all;
      else counts.overdue += row._count._all;
      byAgency.set(row.agencyId, counts);
    }
    // Every pass after the first of the day finds them written: skipped here rather than each
    // failing its insert (a transaction and an error apiece, on every process, every interval).
    const written = new Set((await db.notification.findMany({
      where: { siteId: site.id, dedupeKey: `digest:${today}` }, select: { agencyId: true },
    })).map((n) => n.agencyId));
    const owedAgencies = [...byAgency.keys()].filter((id) => !written.has(id));
    if (owedAgencies.length === 0) continue;
    const agencies = await db.agency.findMany({ where: { id: { in: owedAgencies } }, select: { id: true, name: true } });
    for (const agency of agencies) {
      notices.push({
        siteId: site.id, agencyId: agency.id, kind: 'DAILY_DIGEST', dedupeKey: `digest:${today}`,
        message: digestMessage(agency.name, site.name, byAgency.get(agency.id)!),
      });
    }
  }
  return notices;
}

async function assignments(db: Db, now: Date): Promise<Notice[]> {
  const since = new Date(now.getTime() - ASSIGNED_WINDOW_HOURS * 3600_000);
  const actions = await db.action.findMany({
    where: { createdAt: { gte: since }, decisionId: { not: null }, status: { not: 'CANCELLED' } },
    select: { id: true, agencyId: true, dueDate: true, agency: { select: { name: true } }, case: { select: { siteId: true, site: { select: { name: true } } } } },
  });
  const known = new Set((await db.notification.findMany({
    where: { dedupeKey: { in: actions.map((a) => `assigned:${a.id}`) } }, select: { dedupeKey: true },
  })).map((n) => n.dedupeKey));
  return actions.filter((a) => !known.has(`assigned:${a.id}`)).map((a) => ({
    siteId: a.case.siteId, agencyId: a.agencyId, kind: 'ACTION_ASSIGNED' as const, dedupeKey: `assigned:${a.id}`,
    message: assignedMessage(a.agency.name, a.case.site.name, isoDateOf(a.dueDate)),
  }));
}

/** The notification and its email in one transaction; false when another process wrote it first. */
async function writeOnce(db: Db, notice: Notice, appUrl: string | null): Promise<boolean> {
  const recipients = appUrl === null ? [] : (await db.user.findMany({
    where: { agencyId: notice.agencyId, siteId: notice.siteId, disabledAt: null, role: { in: RECIPIENT_ROLES } },
    select: { email: true }, orderBy: { email: 'asc' },
  })).map((u) => u.email);
  try {
    await db.$transaction(async (tx) => {
      const created = await tx.notification.create({
        data: { siteId: notice.siteId, agencyId: notice.agencyId, kind: notice.kind, dedupeKey: notice.dedupeKey, title: notice.message.title, body: notice.message.body, link: '/' },
        select: { id: true },
      });
      if (appUrl !== null && recipients.length > 0) {
        await tx.outboxEmail.create({
          data: { notificationId: created.id, recipients, subject: `SAM Room: ${notice.message.title}`, text: emailText(notice.message, appUrl) },
        });
      }
    });
    return true;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return false;
    throw err;
  }
}
