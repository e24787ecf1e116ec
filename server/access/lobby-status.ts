import type { LobbyState, LobbyStatus } from '../../shared/api/invites.js';
import { isoDateOf } from '../../shared/nz-time.js';
import type { Db } from '../db/client.js';
import { packsUntil } from './after-close.js';

/**
 * Where an invitee stands, for the lobby page. Read straight from their Participant row, because
 * once declined or removed their session no longer resolves to a principal, yet the page must say so.
 */
export async function lobbyStatusOf(db: Db, participantId: string, packHours: number): Promise<LobbyState | null> {
  const p = await db.participant.findUnique({
    where: { id: participantId },
    select: {
      meetingId: true, displayName: true, role: true, admittedAt: true, declinedAt: true, removedAt: true,
      agency: { select: { code: true, name: true } },
      meeting: { select: { status: true, closedAt: true, date: true, site: { select: { name: true, training: true } } } },
    },
  });
  if (!p) return null;
  const status: LobbyStatus = p.removedAt
    ? 'REMOVED'
    : p.declinedAt
      ? 'DECLINED'
      : p.meeting.status === 'CLOSED'
        ? 'CLOSED'
        : p.admittedAt
          ? 'ADMITTED'
          : 'WAITING';
  const until = status === 'CLOSED' && p.meeting.closedAt
    ? packsUntil(p.meeting.closedAt, { admitted: p.admittedAt !== null, role: p.role }, packHours)
    : null;
  return {
    status, meetingId: p.meetingId, displayName: p.displayName, agency: p.agency,
    meeting: { siteName: p.meeting.site.name, date: isoDateOf(p.meeting.date), training: p.meeting.site.training },
    packsUntil: until?.toISOString() ?? null,
  };
}
