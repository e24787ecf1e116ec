import type { Principal } from '../auth/principal.js';
import { Prisma, type Db } from '../db/client.js';

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
  const where = { meetingId_userId: { meetingId, userId: principal.userId } };
  const select = { id: true, removedAt: true } as const;
  // Two tabs opening at once both try to create the row: the loser reads the winner's.
  const row = await db.participant.upsert({
    where,
    create: {
      meetingId, userId: principal.userId, displayName: principal.displayName, agencyId: principal.agency.id,
      role: principal.role, mode: 'IN_ROOM', admittedAt: new Date(),
    },
    update: {},
    select,
  }).catch(async (err: unknown) => {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return db.participant.findUniqueOrThrow({ where, select });
    throw err;
  });
  // A staff member the chair removed stays out of this meeting.
  return row.removedAt ? null : { id: row.id };
}
