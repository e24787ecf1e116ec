import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addItems, type ItemInit } from '../../shared/meeting-doc/index.js';

/**
 * Adds items from the records so that two processes doing it at once produce the very same Yjs
 * structs: each item is built in a scratch doc whose client id is derived from the item id, at
 * clock 0. Concurrent builds then merge as one instead of two competing maps for the same key, one
 * of which (with any edits made into it) would lose.
 */
export function seedItems(doc: Y.Doc, inits: readonly ItemInit[], origin: unknown): void {
  for (const init of inits) {
    const scratch = new Y.Doc();
    scratch.clientID = createHash('sha256').update(`item:${init.id}`).digest().readUInt32BE(0) & 0x3fffffff;
    addItems(scratch, [init]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), origin);
    scratch.destroy();
  }
}
