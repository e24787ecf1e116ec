import type { ConfidentialityState } from '../../shared/api/confidentiality.js';
import type { MeetingStatus } from '../../shared/domain.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorId, actorLabel, type Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';

// Everyone who enters a meeting acknowledges the confidentiality statement once for it, with the
// time recorded on their Participant row: invitees in the lobby (access/join.ts), staff here. The
// server enforces it on both planes (meeting/participants.ts), so a client that skips the page
// gets nothing, and the minutes' attendance shows an acknowledgement only where one was made.

/** What a client that skipped the statement is told when the document or control plane refuses it. */
export const ACKNOWLEDGE_FIRST = 'acknowledge the confidentiality statement first: POST /api/meetings/<id>/confidentiality';

export class MeetingUnavailable extends Error {}
export class MeetingClosed extends Error {}
export class NotAParticipant extends Error {}

/**
 * A meeting in preparation or live shows families' details, so it opens only after the
 * acknowledgement. A closed one is a read-only record of what was already shared: no statement.
 */
export const mustAcknowledge = (status: MeetingStatus, acknowledgedAt: Date | null) => status !== 'CLOSED' && acknowledgedAt === null;

const stateOf = (status: MeetingStatus, acknowledgedAt: Date | null, role: Principal['role']): ConfidentialityState => ({
  acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
  // Auditors never enter a meeting (they read records and the audit trail), so nothing is asked of them.
  required: role !== 'AUDITOR' && mustAcknowledge(status, acknowledgedAt),
});

function ownRow(principal: Principal, meetingId: string) {
  return principal.kind === 'staff'
    ? { meetingId, userId: principal.userId }
    : { meetingId, id: principal.participantId };
}

/** Where the principal stands with the statement for a meeting they can see. */
export async function confidentialityOf(db: Db, principal: Principal, meeting: { id: string; status: MeetingStatus }): Promise<ConfidentialityState> {
  const row = await db.participant.findFirst({ where: ownRow(principal, meeting.id), select: { confidentialityAckAt: true } });
  return stateOf(meeting.status, row?.confidentialityAckAt ?? null, principal.role);
}

/**
 * Records the acknowledgement (once: a second call answers the first time) and, for staff, the
 * Participant row that admits them to the meeting — entering the room is their arrival.
 */
export async function acknowledgeConfidentiality(db: Db, audit: AuditLog, principal: Principal, meetingId: string): Promise<ConfidentialityState> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (!meeting || (principal.kind === 'invitee' && principal.meetingId !== meetingId)) throw new MeetingUnavailable(meetingId);
  if (meeting.status === 'CLOSED') throw new MeetingClosed(meetingId);
  const now = new Date();
  const acknowledgedAt = await db.$transaction(async (tx) => {
    if (principal.kind === 'staff') {
      // Two tabs entering at once both insert; the second insert does nothing.
      await tx.participant.createMany({
        data: [{
          meetingId, userId: principal.userId, displayName: principal.displayName, agencyId: principal.agency.id,
          role: principal.role, mode: 'IN_ROOM', admittedAt: now,
        }],
        skipDuplicates: true,
      });
    }
    const row = await tx.participant.findFirst({
      where: ownRow(principal, meetingId),
      select: { id: true, confidentialityAckAt: true, removedAt: true, declinedAt: true },
    });
    if (!row || row.removedAt || row.declinedAt) throw new NotAParticipant(meetingId);
    if (row.confidentialityAckAt) return row.confidentialityAckAt;
    // Conditional: of two acknowledgements at once, one is recorded and the other answers its time.
    const set = await tx.participant.updateMany({ where: { id: row.id, confidentialityAckAt: null }, data: { confidentialityAckAt: now } });
    if (set.count === 0) {
      return (await tx.participant.findUniqueOrThrow({ where: { id: row.id }, select: { confidentialityAckAt: true } })).confidentialityAckAt;
    }
    await audit.record({
      actorId: actorId(principal), actorLabel: actorLabel(principal), action: 'confidentiality.acknowledge',
      subjectType: 'Participant', subjectId: row.id, meetingId,
    }, tx);
    return now;
  });
  return stateOf(meeting.status, acknowledgedAt, principal.role);
}
