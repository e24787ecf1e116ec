import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { listItems, observeItems, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { sameSummary, summarize, type ItemSummary } from './itemSummary.js';

export interface BoardEntry {
  item: MeetingItem;
  summary: ItemSummary;
}

/** Fields a row shows; typing in a text (rationale, dissent, research) is none of them. */
const SHOWN_FIELDS = new Set([
  'rank', 'status', 'riskLevel', 'pathway', 'leadAgency', 'flags', 'decidedHash', 'decidedVersion', 'episodes', 'familyRef', 'reason',
]);

/**
 * The board's list in rank order. Recomputed only after a transaction that changed what the board
 * shows — not on keystrokes in an item's texts — and entries that did not change keep their
 * identity, so memoised rows skip rendering.
 */
export function useBoardIndex(doc: Y.Doc): BoardEntry[] {
  const previous = useRef(new Map<Y.Map<unknown>, BoardEntry>());
  const [entries, setEntries] = useState<BoardEntry[]>([]);

  useEffect(() => {
    const read = () => {
      const next = new Map<Y.Map<unknown>, BoardEntry>();
      const list = listItems(doc).map((item) => {
        const before = previous.current.get(item.ymap);
        const summary = summarize(item);
        const entry = before && sameSummary(before.summary, summary) ? before : { item: before?.item ?? item, summary };
        next.set(item.ymap, entry);
        return entry;
      });
      previous.current = next;
      setEntries(list);
    };
    read();
    return observeItems(doc, (changes) => {
      for (const change of changes.values()) {
        const shown = change === null || [...change.fields].some((f) => SHOWN_FIELDS.has(f));
        if (shown) return read();
      }
    });
  }, [doc]);

  return entries;
}
