import * as Y from 'yjs';
import { sameJson } from '../canonical-json.js';
import type { ActionStatus } from '../domain.js';
import { mayConfirmAction, type Author } from './author.js';
import { keysBefore, valueBefore } from './before-transaction.js';
import { MeetingDocError } from './errors.js';
import { CARRIED } from './keys.js';
import type { MeetingItem } from './meeting-item.js';
import { CarriedAction, EntityId, LIMITS, type CarriedActionInit } from './schemas.js';
import type { Problem, Repair } from './problems.js';
import { asMap } from './y-util.js';

// The actions earlier meetings set that are still owed, inside the item of the family's next
// meeting: `carried` is a Y.Map from the Action's id to its plain values (each replaced whole, so
// a status and the server's copy of the record never half-merge). The server writes them from the
// records; the meeting changes only their status; finalize takes the status to the records.

export interface CarriedView extends CarriedAction {
  id: string;
}

/** Writes an item's carried actions (from addItems, in its transaction). */
export function writeCarried(ymap: Y.Map<unknown>, inits: readonly CarriedActionInit[]): void {
  const carried = new Y.Map<unknown>();
  ymap.set(CARRIED, carried);
  for (const { id, ...values } of inits) carried.set(id, values);
}

/** The item's carried actions, soonest due first; none for an item made before there were any. */
export function listCarried(item: MeetingItem): CarriedView[] {
  const views: CarriedView[] = [];
  asMap(item.ymap.get(CARRIED))?.forEach((value, id) => {
    const parsed = CarriedAction.safeParse(value);
    if (parsed.success) views.push({ id, ...parsed.data });
  });
  return views.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}

function carriedValue(item: MeetingItem, id: string): { map: Y.Map<unknown>; value: CarriedAction } {
  const map = asMap(item.ymap.get(CARRIED));
  const parsed = CarriedAction.safeParse(map?.get(id));
  if (!map || !parsed.success) throw new MeetingDocError(`Item ${item.id} carries no action ${id}`);
  return { map, value: parsed.data };
}

/** The meeting's mark on a carried action (its agency or the chair: the server enforces it). */
export function setCarriedStatus(item: MeetingItem, id: string, status: ActionStatus, origin?: unknown): void {
  const { map, value } = carriedValue(item, id);
  if (value.status !== status) item.doc.transact(() => map.set(id, { ...value, status }), origin);
}

/** The server's copy of a record changed between meetings (the agency updated it from home). */
export function refreshCarried(item: MeetingItem, id: string, record: Pick<CarriedAction, 'status' | 'outcomeNote'>, origin?: unknown): boolean {
  const map = asMap(item.ymap.get(CARRIED));
  const parsed = CarriedAction.safeParse(map?.get(id));
  if (!map || !parsed.success) return false;
  const next = { ...parsed.data, ...record };
  if (!sameJson(next, parsed.data)) item.doc.transact(() => map.set(id, next), origin);
  return true;
}

type Report = (path: string[], message: string, repair: Repair) => void;

/** What is wrong with the item's carried actions: a non-map, a bad id, a value that does not parse. */
export function carriedProblems(item: MeetingItem, report: Report): void {
  const value = item.ymap.get(CARRIED);
  // Items made before carried actions existed have none.
  if (value === undefined) return;
  const map = asMap(value);
  if (!map) {
    report([CARRIED], `${CARRIED} is not a map`, { kind: 'replaceMap' });
    return;
  }
  if (map.size > LIMITS.actionsPerItem) report([CARRIED], `more than ${LIMITS.actionsPerItem} carried actions`, { kind: 'replaceMap' });
  for (const [id, entry] of map.entries()) {
    if (!EntityId.safeParse(id).success) report([CARRIED, id], `invalid id ${JSON.stringify(id)}`, { kind: 'delete' });
    else if (!CarriedAction.safeParse(entry).success) report([CARRIED, id], `carried action ${id} is not valid`, { kind: 'delete' });
  }
}

/**
 * What `author`'s transaction changed in the item's carried actions that was not theirs to change:
 * which actions are carried, and everything but the status, is the server's; the status is the
 * action's agency's or the chair's. Each repair puts back the value from before the transaction.
 */
export function carriedAuthorshipProblems(itemId: string, was: Y.Map<unknown> | null, now: Y.Map<unknown> | null, author: Author, tr: Y.Transaction): Problem[] {
  const problems: Problem[] = [];
  const before = was && asMap(valueBefore(was, CARRIED, tr));
  const after = now && asMap(now.get(CARRIED));
  const ids = new Set([...(before ? keysBefore(before, tr) : []), ...(after ? after.keys() : [])]);
  for (const id of ids) {
    const old = CarriedAction.safeParse(before ? valueBefore(before, id, tr) : undefined);
    const current = after?.get(id);
    const path = [CARRIED, id];
    if (!old.success) {
      if (current !== undefined) problems.push({ itemId, path, message: 'carried actions are written only by the server', repair: { kind: 'delete' } });
      continue;
    }
    const parsed = CarriedAction.safeParse(current);
    const status = parsed.success && mayConfirmAction(author, old.data.agency) ? parsed.data.status : old.data.status;
    const allowed = { ...old.data, status };
    if (!sameJson(current, allowed)) {
      problems.push({ itemId, path, message: `only ${old.data.agency} or the chair marks this carried action, and only its status`, repair: { kind: 'set', value: allowed } });
    }
  }
  return problems;
}
