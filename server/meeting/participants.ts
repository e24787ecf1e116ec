import type { MeetingStatus } from '../../shared/domain.js';
import { mustAcknowledge } from '../access/confidentiality.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';

export type MeetingEntry =
  | { ok: true; id: string }
  | { ok: false; reason: 'NOT_ADMITTED' | 'CONFIDENTIALITY_NOT_ACKNOWLEDGED' };

/**
 * The Participant row through which a principal opens a meeting's content or control plane, or
 * why they may not. Invitees have theirs from the lobby; staff get theirs when they acknowledge
 * the confidentiality statement (access/confidentiality.ts). Until then, an open meeting stays
 * closed to them, whichever client they use.
 */
export async function participantFor(db: Db, principal: Principal, meeting: { id: string; status: MeetingStatus }): Promise<MeetingEntry> {
  const select = { id: true, confidentialityAckAt: true } as const;
  if (principal.kind === 'invitee') {
    if (principal.meetingId !== meeting.id) return { ok: false, reason: 'NOT_ADMITTED' };
    // Only once the chair has admitted them from the lobby, and until they are removed.
    const row = await db.participant.findFirst({
      where: { id: principal.participantId, admittedAt: { not: null }, removedAt: null, declinedAt: null },
      select,
    });
    if (!row) return { ok: false, reason: 'NOT_ADMITTED' };
    return mustAcknowledge(meeting.status, row.confidentialityAckAt) ? { ok: false, reason: 'CONFIDENTIALITY_NOT_ACKNOWLEDGED' } : { ok: true, id: row.id };
  }
  const where = { meetingId_userId: { meetingId: meeting.id, userId: principal.userId } };
  let row = await db.participant.findUnique({ where, select: { ...select, removedAt: true } });
  if (!row && meeting.status === 'CLOSED') {
    // Reading a closed meeting's record is not attending it: the row names them in the edit and
    // audit history, but without admission it stays out of the minutes' attendance. Two tabs
    // opening at once both insert; the second insert does nothing.
    await db.participant.createMany({
      data: [{ meetingId: meeting.id, userId: principal.userId, displayName: principal.displayName, agencyId: principal.agency.id, role: principal.role, mode: 'IN_ROOM' }],
      skipDuplicates: true,
    });
    row = await db.participant.findUniqueOrThrow({ where, select: { ...select, removedAt: true } });
  }
  // A staff member the chair removed stays out of this meeting.
  if (row?.removedAt) return { ok: false, reason: 'NOT_ADMITTED' };
  if (!row || mustAcknowledge(meeting.status, row.confidentialityAckAt)) return { ok: false, reason: 'CONFIDENTIALITY_NOT_ACKNOWLEDGED' };
  return { ok: true, id: row.id };
}
