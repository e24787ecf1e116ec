import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addItems, type ItemInit } from '../../shared/meeting-doc/index.js';

/** The Yjs client id an item is built under, the same in every process. */
function seedClientId(itemId: string): number {
  return createHash('sha256').update(`item:${itemId}`).digest().readUInt32BE(0) & 0x3fffffff;
}

/**
 * Adds items from the records so that two processes doing it at once produce the very same Yjs
 * structs: each item is built in an empty scratch doc under a client id derived from the item id,
 * at clock 0. Concurrent builds then merge as one instead of two competing maps for the same key,
 * one of which (with any edits made into it) would lose. Items are separate keys of the root map,
 * so building them one after another in one scratch doc gives each the structs it would get alone;
 * the whole build is applied as one update: one transaction, one stored row, one message.
 */
export function seedItems(doc: Y.Doc, inits: readonly ItemInit[], origin: unknown): void {
  if (inits.length === 0) return;
  // A fixed guid: a random one would cost a call into the system's random source.
  const scratch = new Y.Doc({ guid: 'item-seed' });
  for (const init of inits) {
    scratch.clientID = seedClientId(init.id);
    addItems(scratch, [init]);
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), origin);
  scratch.destroy();
}
