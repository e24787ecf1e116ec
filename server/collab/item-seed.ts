import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { addItems, type ItemInit } from '../../shared/meeting-doc/index.js';

/** The Yjs client id an item is built under, the same in every process. */
function seedClientId(itemId: string): number {
  return createHash('sha256').update(`item:${itemId}`).digest().readUInt32BE(0) & 0x3fffffff;
}

/**
 * Adds items from the records so that two processes doing it at once produce the very same Yjs
 * structs: each item is built under a client id derived from the item id, which has written
 * nothing else, so at clock 0. Concurrent builds then merge as one instead of two competing maps
 * for the same key, one of which (with any edits made into it) would lose. Items are separate keys
 * of the root map, so building them one after another gives each the structs it would get alone.
 * They are built straight into the document (a scratch copy cost as much again to encode and
 * apply) in one transaction: one stored row, one message. The document's own client id is
 * restored before the transaction's observers run, so the server's later edits stay its own.
 */
export function seedItems(doc: Y.Doc, inits: readonly ItemInit[], origin: unknown): void {
  if (inits.length === 0) return;
  const ownClientId = doc.clientID;
  doc.transact(() => {
    try {
      for (const init of inits) {
        doc.clientID = seedClientId(init.id);
        addItems(doc, [init]);
      }
    } finally {
      doc.clientID = ownClientId;
    }
  }, origin);
}
