import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';

/**
 * The Participant row of a principal in a meeting. Invitees have theirs from the lobby; staff get
 * one the first time they open the meeting, so attendance and edit history name them.
 */
export async function participantFor(db: Db, principal: Principal, meetingId: string): Promise<{ id: string } | null> {
  if (principal.kind === 'invitee') {
    if (principal.meetingId !== meetingId) return null;
    // Only once the chair has admitted them from the lobby, and until they are removed.
    return db.participant.findFirst({
      where: { id: principal.participantId, admittedAt: { not: null }, removedAt: null, declinedAt: null },
      select: { id: true },
    });
  }
  return db.participant.upsert({
    where: { meetingId_userId: { meetingId, userId: principal.userId } },
    create: {
      meetingId, userId: principal.userId, displayName: principal.displayName, agencyId: principal.agency.id,
      role: principal.role, mode: 'IN_ROOM', joinedAt: new Date(), admittedAt: new Date(),
    },
    update: {},
    select: { id: true },
  });
}
