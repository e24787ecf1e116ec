import type { MeetingKind } from '../../shared/domain.js';
import { dateColumn } from '../../shared/nz-time.js';
import type { AppContext } from '../app-context.js';
import { Prisma } from '../db/client.js';
import { conflict } from '../domain/domain-error.js';
import { addDueFamilies } from '../records/due-families.js';

export const meetingSummarySelect = {
  id: true, siteId: true, date: true, kind: true, status: true,
  site: { select: { name: true } },
  _count: { select: { agendaItems: true } },
} as const;

export type MeetingSummaryRow = Prisma.MeetingGetPayload<{ select: typeof meetingSummarySelect }>;

export interface MeetingRequest {
  siteId: string;
  date: string;
  kind: MeetingKind;
}

/**
 * Creates a site's meeting for a date, audited. A daily SAM has the families deferred or owing
 * actions carried onto its list; an ICM review lists the families on an ICM pathway. A meeting of that kind already there for the date is a conflict (the
 * database's unique key decides, so two processes never make two).
 */
export async function createMeeting(ctx: Pick<AppContext, 'db' | 'audit'>, req: MeetingRequest, actor: { id: string | null; label: string }): Promise<MeetingSummaryRow> {
  let row: MeetingSummaryRow;
  try {
    row = await ctx.db.meeting.create({ data: { siteId: req.siteId, date: dateColumn(req.date), kind: req.kind }, select: meetingSummarySelect });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw conflict('MEETING_EXISTS', `A ${req.kind} meeting already exists for this site on ${req.date}`);
    }
    throw err;
  }
  await ctx.audit.record({ actorId: actor.id, actorLabel: actor.label, action: 'meeting.create', subjectType: 'Meeting', subjectId: row.id, meetingId: row.id });
  const carried = await addDueFamilies(ctx.db, row.id);
  return { ...row, _count: { agendaItems: row._count.agendaItems + carried.length } };
}
