import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getItem } from '../../shared/meeting-doc/index.js';
import { episode, itemInit } from '../../shared/meeting-doc/test-fixtures.js';
import { seedItems } from './item-seed.js';
import { sharingDocValues } from './record-sharing.js';

const init = (summary: string) => itemInit('item-1', { episodes: [episode({ summary }), episode({ policeRef: 'P-2', summary: 'second' })], flags: ['REPEAT'], rank: 'a0' });
const docValue = (doc: Y.Doc, key: string) => getItem(doc, 'item-1')!.ymap.get(key);

describe("an agenda item's record beside its document item", () => {
  it('takes the values the document holds equal (one copy of the episodes), from a seeded or a stored document', () => {
    const seeded = new Y.Doc();
    seedItems(seeded, [init('first')], null);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(seeded));
    for (const doc of [seeded, stored]) {
      // Read from the database: a copy of its own, equal to the document's.
      const fromDb = init('first');
      const record = sharingDocValues(doc, fromDb);
      expect(record).toEqual(fromDb);
      expect(record.episodes).toBe(docValue(doc, 'episodes'));
      expect(record.flags).toBe(docValue(doc, 'flags'));
      expect(record.familyRef).toBe(fromDb.familyRef);
      expect(record.carried).toBe(fromDb.carried);
    }
  });

  it('compares values whatever their key order, and down to the last nested field', () => {
    const doc = new Y.Doc();
    seedItems(doc, [init('first')], null);
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const fromDb = { ...init('first'), episodes: init('first').episodes.map((e) => reversed(e) as typeof e) };
    expect(sharingDocValues(doc, fromDb).episodes).toBe(docValue(doc, 'episodes'));
    const child = init('first');
    child.episodes[1]!.children = [{ name: 'Another Child', dob: null }];
    expect(sharingDocValues(doc, child).episodes).toBe(child.episodes);
  });

  it('keeps its own value where the document differs (records changed since it was stored), and is untouched without the item', () => {
    const doc = new Y.Doc();
    seedItems(doc, [init('as stored')], null);
    const fromDb = init('corrected in the records');
    const record = sharingDocValues(doc, fromDb);
    expect(record.episodes).toBe(fromDb.episodes);
    expect(record.flags).toBe(docValue(doc, 'flags'));
    const other = itemInit('item-2');
    expect(sharingDocValues(doc, other)).toBe(other);
  });
});
