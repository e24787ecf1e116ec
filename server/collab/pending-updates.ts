import type * as Y from 'yjs';

// An update whose dependencies are missing (edits from a client clock the document has not
// reached, deletions of items it never had) is not applied: Yjs keeps it in the store as
// "pending" until the gap is filled, and sends it to every client that syncs meanwhile. A client
// could leave any amount of that in the server's memory, passing on content the authority never
// checked. After each client update the store is compared with how it was before: a cheap check
// of two fields on the hot path; copying happens only while something is pending already, which
// no client can cause and an update relayed between processes out of order rarely does.

interface Pending {
  structs: { missing: Map<number, number>; update: Uint8Array } | null;
  ds: Uint8Array | null;
}

/** What the document holds pending now (null, the usual case, when nothing). */
export function pendingOf(doc: Y.Doc): Pending | null {
  const { pendingStructs, pendingDs } = doc.store;
  if (!pendingStructs && !pendingDs) return null;
  // Yjs changes `missing` in place and replaces `update`: keep copies of both.
  return { structs: pendingStructs && { missing: new Map(pendingStructs.missing), update: pendingStructs.update }, ds: pendingDs };
}

/**
 * After an update from a client: if it left something new pending, put the pending state back
 * as it was before the update and answer true (the sender is then refused). The part of the
 * update whose dependencies were there stays applied, like any complete edit.
 */
export function dropNewPending(doc: Y.Doc, before: Pending | null): boolean {
  const store = doc.store;
  if (!store.pendingStructs && !store.pendingDs) return false;
  if (before && sameBytes(store.pendingStructs?.update, before.structs?.update) && sameBytes(store.pendingDs, before.ds)) return false;
  store.pendingStructs = before?.structs ?? null;
  store.pendingDs = before?.ds ?? null;
  return true;
}

function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return Buffer.compare(a, b) === 0;
}
