import * as Y from 'yjs';

// What a document held just before a transaction, read from the transaction itself: an item was
// there if it existed before (its clock is below the transaction's before-state) and was not yet
// deleted, or was deleted by this very transaction. Yjs removes deleted content only after every
// observer of the transaction has run, so an observer can still read it — which is what lets the
// server put back exactly what a client overwrote, text included, without keeping a copy of the
// document's content. Valid only inside the transaction's observers, before any other edit.

function existedBefore(item: Y.Item, tr: Y.Transaction): boolean {
  return item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
}

function liveBefore(item: Y.Item, tr: Y.Transaction): boolean {
  return existedBefore(item, tr) && (!item.deleted || Y.isDeleted(tr.deleteSet, item.id));
}

/**
 * The value `key` of `map` had before `tr` (undefined: none). Works on a map `tr` deleted or
 * replaced too. A key's values form a list (each set goes to the right of the last): the one live
 * before is the rightmost that was.
 */
export function valueBefore(map: Y.Map<unknown>, key: string, tr: Y.Transaction): unknown {
  for (let item = map._map.get(key) ?? null; item !== null; item = item.left) {
    if (liveBefore(item, tr)) {
      const content: unknown[] = item.content.getContent();
      return content[content.length - 1];
    }
  }
  return undefined;
}

/** The keys `map` had before `tr`. */
export function keysBefore(map: Y.Map<unknown>, tr: Y.Transaction): string[] {
  return [...map._map.keys()].filter((key) => valueBefore(map, key, tr) !== undefined);
}

/** The plain text `text` held before `tr` (a text created by `tr` held nothing). */
export function textBefore(text: Y.Text, tr: Y.Transaction): string {
  let s = '';
  for (let item = text._start; item !== null; item = item.right) {
    if (item.countable && item.content instanceof Y.ContentString && liveBefore(item, tr)) s += item.content.str;
  }
  return s;
}
