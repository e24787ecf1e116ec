import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactDecodedDoc } from './compact-doc.js';

/** A document with every kind of content a stored meeting holds: nested maps, texts, arrays, overwritten values. */
function source(): Y.Doc {
  const doc = new Y.Doc();
  const items = doc.getMap<unknown>('items');
  for (const id of ['b', 'a', 'c']) {
    const item = new Y.Map<unknown>();
    items.set(id, item);
    item.set('caseId', `case-${id}`);
    item.set('episodes', [{ summary: 'first', people: [{ name: 'A', dob: null }], count: 2, flag: true, missing: undefined }]);
    item.set('flags', ['REPEAT']);
    item.set('bytes', new Uint8Array([1, 2, 3]));
    item.set('status', 'PENDING');
    item.set('status', 'DISCUSSED');
    const text = new Y.Text();
    item.set('rationale', text);
    text.insert(0, 'because');
  }
  doc.getArray<unknown>('list').push([1, 'two', { three: [3] }]);
  return doc;
}

const decoded = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

describe('a decoded document held compactly', () => {
  it('reads, iterates and encodes exactly as decoded', () => {
    const update = Y.encodeStateAsUpdate(source());
    const plain = decoded(update);
    const compact = decoded(update);
    compactDecodedDoc(compact);
    expect(Y.encodeStateAsUpdate(compact)).toEqual(Y.encodeStateAsUpdate(plain));
    expect(compact.getMap('items').toJSON()).toEqual(plain.getMap('items').toJSON());
    expect([...compact.getMap('items').keys()]).toEqual(['b', 'a', 'c']);
    const item = compact.getMap<Y.Map<unknown>>('items').get('a')!;
    expect([...item.keys()]).toEqual([...plain.getMap<Y.Map<unknown>>('items').get('a')!.keys()]);
    expect(item.get('episodes')).toStrictEqual(plain.getMap<Y.Map<unknown>>('items').get('a')!.get('episodes'));
    expect(item.get('bytes')).toEqual(new Uint8Array([1, 2, 3]));
    expect(compact.getArray('list').toJSON()).toEqual([1, 'two', { three: [3] }]);
  });

  it('takes later edits, its own and others, as the decoded one does', () => {
    const origin = source();
    const update = Y.encodeStateAsUpdate(origin);
    const plain = decoded(update);
    const compact = decoded(update);
    compactDecodedDoc(compact);
    for (const doc of [plain, compact]) doc.clientID = 42;
    // Its own edits: a key overwritten and one deleted, text typed, an item added.
    for (const doc of [plain, compact]) {
      const item = doc.getMap<Y.Map<unknown>>('items').get('b')!;
      item.set('status', 'DECIDED');
      item.delete('flags');
      (item.get('rationale') as Y.Text).insert(0, 'so ');
      doc.getMap('items').set('d', new Y.Map());
    }
    // Another's edits made concurrently on the stored state.
    origin.getMap<Y.Map<unknown>>('items').get('a')!.set('caseId', 'changed');
    origin.getMap<Y.Map<unknown>>('items').get('b')!.set('status', 'CLOSED');
    const theirs = Y.encodeStateAsUpdate(origin, Y.encodeStateVectorFromUpdate(update));
    for (const doc of [plain, compact]) Y.applyUpdate(doc, theirs);
    expect(Y.encodeStateAsUpdate(compact)).toEqual(Y.encodeStateAsUpdate(plain));
    expect(compact.getMap('items').toJSON()).toEqual(plain.getMap('items').toJSON());
    expect(compact.getMap<Y.Map<unknown>>('items').get('b')!.has('flags')).toBe(false);
  });
});
