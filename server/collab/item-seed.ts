import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addItems, type ItemInit } from '../../shared/meeting-doc/index.js';

/**
 * Adds items from the records so that two processes doing it at once produce the very same Yjs
 * structs: each item is built in a scratch doc whose client id is derived from the item id, at
 * clock 0. Concurrent builds then merge as one instead of two competing maps for the same key, one
 * of which (with any edits made into it) would lose. The builds are merged and applied as one
 * update: one transaction, one stored row and one message to clients, however many items.
 */
export function seedItems(doc: Y.Doc, inits: readonly ItemInit[], origin: unknown): void {
  if (inits.length === 0) return;
  const builds = inits.map((init) => {
    // A fixed guid: a random one costs a call into the system's random source per item.
    const scratch = new Y.Doc({ guid: init.id });
    scratch.clientID = createHash('sha256').update(`item:${init.id}`).digest().readUInt32BE(0) & 0x3fffffff;
    addItems(scratch, [init]);
    const update = Y.encodeStateAsUpdate(scratch);
    scratch.destroy();
    return update;
  });
  Y.applyUpdate(doc, builds.length === 1 ? builds[0]! : Y.mergeUpdates(builds), origin);
}
