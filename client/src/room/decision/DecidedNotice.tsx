import { useEffect, useRef, useState } from 'react';
import type { BroadcastPayload } from '../../../../shared/control.js';

/** Long enough to read across the table; short enough not to linger over the next item. */
const SHOWN_MS = 8000;

function describe(decided: BroadcastPayload<'item:decided'>, familyRef: string): string {
  if (decided.status === 'DEFERRED') return `${familyRef} deferred.`;
  if (decided.status === 'PENDING') return `${familyRef} reopened by the chair: it needs a decision again.`;
  return `${familyRef} decided${decided.version ? ` — version ${decided.version}` : ''}.`;
}

/**
 * What the chair just recorded, shown to everyone in the room (and read out): each `item:decided`
 * broadcast replaces the last and fades after a few seconds.
 */
export function DecidedNotice({ decided, familyRefs }: { decided: BroadcastPayload<'item:decided'> | null; familyRefs: ReadonlyMap<string, string> }) {
  const [text, setText] = useState<{ message: string; tone: string } | null>(null);
  // Read through a ref: only a new broadcast is news, not the list changing after it.
  const refs = useRef(familyRefs);
  refs.current = familyRefs;

  useEffect(() => {
    if (!decided) return;
    setText({ message: describe(decided, refs.current.get(decided.itemId) ?? 'An item'), tone: decided.status.toLowerCase() });
    const timer = setTimeout(() => setText(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [decided]);

  return (
    <p className={`decided-notice${text ? ` decided-notice--shown decided-notice--${text.tone}` : ''}`} role="status">
      {text?.message}
    </p>
  );
}
