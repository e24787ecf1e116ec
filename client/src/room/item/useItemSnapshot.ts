import { useEffect, useState } from 'react';
import { itemSnapshot, observeItem, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';

/**
 * The open item as plain values, fresh after every change to it (only it: other items' edits don't
 * reach here). Updated synchronously, so controlled inputs bound to the doc keep their caret.
 */
export function useItemSnapshot(item: MeetingItem): ItemSnapshot {
  const [snapshot, setSnapshot] = useState(() => itemSnapshot(item));
  useEffect(() => {
    setSnapshot(itemSnapshot(item));
    return observeItem(item, () => setSnapshot(itemSnapshot(item)));
  }, [item]);
  return snapshot;
}
