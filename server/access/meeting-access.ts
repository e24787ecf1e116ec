import type { MeetingStatus } from '../../shared/domain.js';
import type { Author } from '../../shared/meeting-doc/index.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { participantFor } from '../meeting/participants.js';
import { ACKNOWLEDGE_FIRST } from './confidentiality.js';
import { opensMeetingContent } from './meeting-content-roles.js';
import { reachesSite } from './site-scope.js';

/** Why someone may not open a meeting; each plane says it in its own transport (HTTP status, handshake code). */
export type MeetingRefusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFIDENTIALITY_NOT_ACKNOWLEDGED';

export type MeetingAccess =
  | {
      ok: true;
      principal: Principal;
      meeting: { id: string; status: MeetingStatus; siteId: string };
      /** The Participant row they open the meeting through. */
      participantId: string;
      /** Observers, and everyone once the meeting has closed, read its content but never change it. */
      mode: 'write' | 'read';
      author: Author;
    }
  | {
      ok: false;
      refusal: MeetingRefusal;
      /** What the client is told. */
      reason: string;
      /** For the audit trail only, when the client must not learn it. */
      why?: string;
    };

/** Roles that may read a meeting's content but never change it. */
export const READ_ONLY_ROLES: ReadonlySet<Principal['role']> = new Set(['OBSERVER']);

const refuse = (refusal: MeetingRefusal, reason: string, why?: string): MeetingAccess => ({ ok: false, refusal, reason, ...(why && { why }) });

/**
 * Who may open a meeting, on either plane (its documents, its control socket): the one decision
 * both ask. Participants of the meeting who have acknowledged its confidentiality statement;
 * auditors and administrators never (access/meeting-content-roles.ts); another site's
 * meeting answers as one that does not exist.
 */
export async function decideMeetingAccess(db: Db, principal: Principal | null, meetingId: string): Promise<MeetingAccess> {
  if (!principal) return refuse('UNAUTHENTICATED', 'no valid session');
  if (!opensMeetingContent(principal.role)) return refuse('FORBIDDEN', 'auditors and administrators do not open meeting content');
  // Refused before the lookup, so the answer tells an invitee nothing about meetings they can't see.
  if (principal.kind === 'invitee' && principal.meetingId !== meetingId) return refuse('FORBIDDEN', 'not a participant of this meeting');
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, status: true, siteId: true } });
  if (!meeting) return refuse('NOT_FOUND', 'no such meeting');
  if (principal.kind === 'staff' && !reachesSite(principal, meeting.siteId)) return refuse('NOT_FOUND', 'no such meeting', 'another site');
  const participant = await participantFor(db, principal, meeting);
  if (!participant.ok) {
    return participant.reason === 'CONFIDENTIALITY_NOT_ACKNOWLEDGED'
      ? refuse('CONFIDENTIALITY_NOT_ACKNOWLEDGED', ACKNOWLEDGE_FIRST)
      : refuse('FORBIDDEN', 'not admitted to this meeting');
  }
  const readOnly = READ_ONLY_ROLES.has(principal.role) || meeting.status === 'CLOSED';
  return {
    ok: true, principal, meeting, participantId: participant.id,
    mode: readOnly ? 'read' : 'write', author: { agency: principal.agency.code, role: principal.role },
  };
}
