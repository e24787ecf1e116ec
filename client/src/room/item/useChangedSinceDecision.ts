import { useEffect, useState } from 'react';
import { changedSinceDecision, itemSnapshot, observeItem, type MeetingItem } from '../../../../shared/meeting-doc/index.js';

/** Waits for typing to pause before hashing the item again. */
const SETTLE_MS = 250;

/**
 * Whether a decided item's content differs from what was decided (its decidedHash). Subscribes to
 * this one item only, and only while it has a decision.
 */
export function useChangedSinceDecision(item: MeetingItem, decided: boolean): boolean {
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    if (!decided) {
      setChanged(false);
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      void changedSinceDecision(itemSnapshot(item)).then((c) => !cancelled && setChanged(c));
    };
    check();
    const stop = observeItem(item, () => {
      clearTimeout(timer);
      timer = setTimeout(check, SETTLE_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop();
    };
  }, [item, decided]);

  return changed;
}
