import type { Db } from '../db/client.js';
import { carryOverInto } from './carry-over.js';
import { listIcmFamilies } from './icm-families.js';

/**
 * Puts on a meeting's list the families due at it: a daily SAM's carried over (deferred, or owing
 * actions), an ICM review's on an ICM pathway. Run when the meeting is made and again when it
 * starts, so a family due since is not missed. Returns the ids of the items created.
 */
export async function addDueFamilies(db: Db, meetingId: string): Promise<string[]> {
  const { kind } = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { kind: true } });
  return kind === 'ICM_REVIEW' ? listIcmFamilies(db, meetingId) : carryOverInto(db, meetingId);
}
