import type { ResearchInit } from './schemas.js';

// What the validator finds in a document and how the server puts it right: plain JSON, so the
// server can audit exactly what it found and did.

export type Repair =
  /** Put this value instead (a scalar reset to its default, a filtered list, the server's record). */
  | { kind: 'set'; value: unknown }
  /** Put a new Y.Text with this content where a text was missing or replaced (a string is kept). */
  | { kind: 'replaceText'; text: string }
  | { kind: 'truncateText'; maxLength: number }
  /** Put a new empty Y.Map where a map was missing or replaced. */
  | { kind: 'replaceMap' }
  /** Remove the key (unknown field, invalid entry, entry over its limit). */
  | { kind: 'delete' }
  /** Make the research entry under the key hold this again (authorship.ts), editing only what differs. */
  | { kind: 'restoreResearch'; entry: ResearchInit }
  /** Delete everything in a top-level type the doc kind does not have. */
  | { kind: 'clearTopLevel' }
  /** Delete list content someone put into the top-level map (invisible to map reads, still stored). */
  | { kind: 'clearListContent' };

export interface Problem {
  /** The item (meeting doc) or entry (prep doc) concerned; null for a top-level problem. */
  itemId: string | null;
  /** Keys from the item's map down to the bad value ([] is the item itself); [name] when itemId is null. */
  path: string[];
  message: string;
  /** Null when the doc alone cannot tell the right value: an import field checked without `expected`. */
  repair: Repair | null;
}
