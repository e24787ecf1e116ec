import type { BroadcastPayload } from '../../shared/control.js';
import type { Db } from '../db/client.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What everyone in a meeting should see of the control state, from the records (any process). */
export async function controlState(db: Db, meetingId: string) {
  const m = await db.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { status: true, startedAt: true, closedAt: true, focusItemId: true, focusSetAt: true, timerItemId: true, timerStartedAt: true },
  });
  const timerItem = m.timerItemId
    ? await db.agendaItem.findUnique({ where: { id: m.timerItemId }, select: { discussionMs: true } })
    : null;
  const status: BroadcastPayload<'meeting:status'> = { status: m.status, startedAt: iso(m.startedAt), closedAt: iso(m.closedAt) };
  const focus: BroadcastPayload<'focus'> = { itemId: m.focusItemId, setAt: iso(m.focusSetAt) };
  const timer: BroadcastPayload<'timer'> = {
    itemId: m.timerItemId, startedAt: iso(m.timerStartedAt), elapsedMs: timerItem?.discussionMs ?? 0,
  };
  return { status, focus, timer };
}

export async function lobbyState(db: Db, meetingId: string): Promise<BroadcastPayload<'lobby'>> {
  const waiting = await db.participant.findMany({
    where: { meetingId, lobbyAt: { not: null }, admittedAt: null, declinedAt: null, removedAt: null },
    select: { id: true, displayName: true, role: true, mode: true, lobbyAt: true, agency: { select: { code: true, name: true } } },
    orderBy: { lobbyAt: 'asc' },
  });
  return {
    waiting: waiting.map((p) => ({
      participantId: p.id, displayName: p.displayName, agency: p.agency, role: p.role, mode: p.mode, waitingSince: p.lobbyAt!.toISOString(),
    })),
  };
}
