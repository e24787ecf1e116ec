import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getItem, meetingSnapshot, rationaleText } from '../../shared/meeting-doc/index.js';
import { seedItems } from './item-seed.js';

const init = { id: 'item-1', caseId: 'case-1', familyRef: 'CHC-W-0001', reason: 'NEW_EPISODE' as const, episodes: [], flags: ['REPEAT'], rank: 'a0' };

describe('seeding items from the records', () => {
  it('two processes seeding the same item at once merge into one item, keeping edits made into either copy', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    seedItems(a, [init], null);
    seedItems(b, [init], null);
    rationaleText(getItem(a, 'item-1')!).insert(0, 'typed on process A ');
    rationaleText(getItem(b, 'item-1')!).insert(0, 'typed on process B ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const text = rationaleText(getItem(a, 'item-1')!).toString();
    expect(text).toContain('typed on process A');
    expect(text).toContain('typed on process B');
    expect(meetingSnapshot(a)).toEqual(meetingSnapshot(b));
    expect(meetingSnapshot(a)[0]!.flags).toEqual(['REPEAT']);
  });

  it('seeds many items as one update that merges with another process seeding some of them one by one', () => {
    const inits = ['item-1', 'item-2', 'item-3'].map((id, i) => ({ ...init, id, rank: `a${i}` }));
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    let updates = 0;
    a.on('update', () => updates++);
    seedItems(a, inits, null);
    expect(updates).toBe(1);
    seedItems(b, [inits[1]!], null);
    // B built nothing that A lacks: the same structs, not a competing copy.
    expect(Y.diffUpdate(Y.encodeStateAsUpdate(b), Y.encodeStateVector(a))).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(meetingSnapshot(b).map((item) => item.id)).toEqual(['item-1', 'item-2', 'item-3']);
    expect(meetingSnapshot(a)).toEqual(meetingSnapshot(b));
  });

  it('builds an item into a document that already holds others with the structs it gets alone, and leaves the document its own client id', () => {
    const [busy, alone] = [new Y.Doc(), new Y.Doc()];
    const own = busy.clientID;
    seedItems(busy, [{ ...init, id: 'item-0', rank: 'a0' }], null);
    rationaleText(getItem(busy, 'item-0')!).insert(0, 'typed by the server');
    seedItems(busy, [{ ...init, id: 'item-1', rank: 'a1' }], null);
    seedItems(alone, [{ ...init, id: 'item-1', rank: 'a1' }], null);
    expect(busy.clientID).toBe(own);
    expect(Y.diffUpdate(Y.encodeStateAsUpdate(alone), Y.encodeStateVector(busy))).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
    rationaleText(getItem(busy, 'item-1')!).insert(0, 'later');
    expect(Y.decodeStateVector(Y.encodeStateVector(busy)).get(own)).toBeGreaterThan(0);
  });
});
