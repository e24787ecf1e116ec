import type { ActionStatus } from '../../shared/domain.js';

/**
 * `Action.doneAt` after a status change, so reports can tell an action done on time from one done
 * late: stamped when it becomes DONE, kept while it stays DONE, cleared when it leaves DONE.
 * `undefined` leaves the column as it is.
 */
export function doneAtAfter(from: ActionStatus | null, to: ActionStatus, now: Date): Date | null | undefined {
  if (to !== 'DONE') return from === 'DONE' ? null : undefined;
  return from === 'DONE' ? undefined : now;
}
