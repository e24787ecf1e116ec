import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { getPrepEntries, getPrepEntry, type PrepEntryView } from '../../../../shared/meeting-doc/index.js';

function sameEntry(a: PrepEntryView | null, b: PrepEntryView | null): boolean {
  if (!a || !b) return a === b;
  return a.text === b.text && a.kind === b.kind && a.legalBasis === b.legalBasis;
}

/**
 * The agency's prep entry for an item, or null before anyone has started it. A new value only when
 * the entry appears, goes, or its kind, basis or Y.Text changes: typing (inside the Y.Text) is the
 * text area's business and re-renders nothing here. Updated synchronously with the doc.
 */
export function usePrepEntry(doc: Y.Doc, itemId: string): PrepEntryView | null {
  const [entry, setEntry] = useState(() => getPrepEntry(doc, itemId));
  useEffect(() => {
    const entries = getPrepEntries(doc);
    const update = () => {
      const next = getPrepEntry(doc, itemId);
      setEntry((current) => (sameEntry(current, next) ? current : next));
    };
    update();
    entries.observeDeep(update);
    return () => entries.unobserveDeep(update);
  }, [doc, itemId]);
  return entry;
}
