import type * as Y from 'yjs';
import { sameJson } from '../../shared/canonical-json.js';
import { getItem, type ItemInit } from '../../shared/meeting-doc/index.js';

/** The fields an item's record and its document item both hold as plain values. */
const SHARED_FIELDS = ['caseId', 'familyRef', 'reason', 'episodes', 'lastDecidedRisk', 'flags', 'rank'] as const;

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
    if (value !== undefined && value !== init[key] && sameJson(value, init[key])) record[key] = value;
  }
  // Only fields found equal to the init's own were replaced: still the same item init.
  return record as ItemInit;
}
