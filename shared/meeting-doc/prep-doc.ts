import type * as Y from 'yjs';
import { MeetingDocError } from './errors.js';
import { PREP_ROOT } from './keys.js';
import { readEntry, writeEntry, type ResearchEntry } from './research-entry.js';
import { EntityId, LIMITS, type PrepEntrySnapshot, type ResearchInit } from './schemas.js';

// Typed access to an agency's private prep doc (`prep:<meetingId>:<agencyCode>`): one research
// entry per meeting item, written before the meeting. Sharing an entry into the meeting doc is the
// caller's explicit act (setResearch with the entry's text, recorded as a Disclosure).

export interface PrepEntryView extends ResearchEntry {
  itemId: string;
}

/** The top-level `entries` map (itemId → entry map), for observing. */
export function getPrepEntries(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PREP_ROOT);
}

/** The agency's entry for an item, or null if there is none (or it is corrupt). */
export function getPrepEntry(doc: Y.Doc, itemId: string): PrepEntryView | null {
  const entry = readEntry(getPrepEntries(doc).get(itemId));
  return entry && { itemId, ...entry };
}

/** All entries, by item id. */
export function listPrepEntries(doc: Y.Doc): PrepEntryView[] {
  const views: PrepEntryView[] = [];
  getPrepEntries(doc).forEach((value, itemId) => {
    const entry = readEntry(value);
    if (entry) views.push({ itemId, ...entry });
  });
  return views.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

/** Creates or updates the entry for an item; `text`, when given, replaces its text. */
export function setPrepEntry(doc: Y.Doc, itemId: string, init: ResearchInit, origin?: unknown): void {
  if (!EntityId.safeParse(itemId).success) throw new MeetingDocError(`Invalid item id: ${JSON.stringify(itemId)}`);
  const entries = getPrepEntries(doc);
  if (!entries.has(itemId) && entries.size >= LIMITS.prepEntries) {
    throw new MeetingDocError(`This prep doc already has ${LIMITS.prepEntries} entries`);
  }
  doc.transact(() => writeEntry(entries, itemId, init), origin);
}

export function removePrepEntry(doc: Y.Doc, itemId: string, origin?: unknown): void {
  doc.transact(() => getPrepEntries(doc).delete(itemId), origin);
}

/** All entries as plain JSON, by item id. */
export function prepSnapshot(doc: Y.Doc): PrepEntrySnapshot[] {
  return listPrepEntries(doc).map(({ itemId, kind, legalBasis, text }) => ({
    itemId,
    kind,
    legalBasis,
    text: text.toString(),
  }));
}
