import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropNewPending, pendingOf } from './pending-updates.js';

/** Successive updates of one writer, each depending on the one before. */
function edits(n: number, clientID: number): Uint8Array[] {
  const source = new Y.Doc();
  source.clientID = clientID;
  const out: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) source.getMap('m').set(`k${i}`, i);
  return out;
}

function apply(doc: Y.Doc, update: Uint8Array): boolean {
  const before = pendingOf(doc);
  Y.applyUpdate(doc, update);
  return dropNewPending(doc, before);
}

describe('pending Yjs updates', () => {
  it('lets complete updates through and drops a gapped one', () => {
    const doc = new Y.Doc();
    const [a, b, c] = edits(3, 1);
    expect(apply(doc, a!)).toBe(false);
    expect(apply(doc, c!)).toBe(true);
    expect(doc.store.pendingStructs).toBeNull();
    expect(apply(doc, b!)).toBe(false);
    expect(doc.getMap('m').toJSON()).toEqual({ k0: 0, k1: 1 });
  });

  it('leaves what was pending before (an out-of-order relay) alone, and blames only what adds to it', () => {
    const doc = new Y.Doc();
    const [a, b, c] = edits(3, 1);
    const [x, y] = edits(2, 2);
    Y.applyUpdate(doc, c!); // relayed out of order: pending, not a client's doing
    const relayed = doc.store.pendingStructs?.update;
    expect(apply(doc, x!)).toBe(false);
    expect(doc.store.pendingStructs?.update).toBe(relayed);
    expect(apply(doc, y!)).toBe(false);
    // A client's gapped update on top is dropped, the relayed one kept.
    expect(apply(doc, edits(5, 3)[4]!)).toBe(true);
    expect(doc.store.pendingStructs?.update).toBe(relayed);
    // Once the gap is filled, the relayed update applies.
    expect(apply(doc, a!)).toBe(false);
    expect(apply(doc, b!)).toBe(false);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.getMap('m').get('k2')).toBe(2);
  });
});
