import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, getItem, getResearch, setResearch } from './meeting-doc.js';
import { getPrepEntry, listPrepEntries, prepSnapshot, removePrepEntry, setPrepEntry } from './prep-doc.js';
import { fork, itemInit, sync } from './test-fixtures.js';

describe('prep doc', () => {
  it('creates, updates, lists and removes entries per item', () => {
    const doc = new Y.Doc();
    setPrepEntry(doc, 'i2', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Open s17 assessment.' });
    setPrepEntry(doc, 'i1', { kind: 'OPINION', legalBasis: 'CONSENT' });
    getPrepEntry(doc, 'i1')?.text.insert(0, 'Whānau engaged well.');
    setPrepEntry(doc, 'i2', { kind: 'OPINION', legalBasis: 'OTA_S66C' });

    expect(listPrepEntries(doc).map((e) => e.itemId)).toEqual(['i1', 'i2']);
    expect(prepSnapshot(doc)).toEqual([
      { itemId: 'i1', kind: 'OPINION', legalBasis: 'CONSENT', text: 'Whānau engaged well.' },
      { itemId: 'i2', kind: 'OPINION', legalBasis: 'OTA_S66C', text: 'Open s17 assessment.' },
    ]);
    removePrepEntry(doc, 'i1');
    expect(getPrepEntry(doc, 'i1')).toBeNull();
  });

  it('rejects invalid ids and values', () => {
    const doc = new Y.Doc();
    expect(() => setPrepEntry(doc, '../i1', { kind: 'FACT', legalBasis: 'CONSENT' })).toThrow(/Invalid item id/);
    expect(() => setPrepEntry(doc, 'i1', { kind: 'FACT', legalBasis: 'HUNCH' as never })).toThrow(/research entry/);
    expect(listPrepEntries(doc)).toEqual([]);
  });

  it('merges concurrent typing by two staff of the agency', () => {
    const doc = new Y.Doc();
    setPrepEntry(doc, 'i1', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Prior: 2.' });
    const peer = fork(doc);
    getPrepEntry(doc, 'i1')?.text.insert(0, 'Checked NIA. ');
    getPrepEntry(peer, 'i1')?.text.insert(10, ' Breach in 2024.');
    sync(doc, peer);
    expect(getPrepEntry(doc, 'i1')?.text.toString()).toBe('Checked NIA. Prior: 2. Breach in 2024.');
    expect(getPrepEntry(peer, 'i1')?.text.toString()).toBe('Checked NIA. Prior: 2. Breach in 2024.');
  });

  it('shares an entry into the meeting doc as that agency’s research', () => {
    const prep = new Y.Doc();
    setPrepEntry(prep, 'i1', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'PO in force since May.' });
    const meeting = new Y.Doc();
    addItem(meeting, itemInit('i1'));
    const item = getItem(meeting, 'i1');
    const entry = getPrepEntry(prep, 'i1');
    if (!item || !entry) throw new Error('test setup');
    setResearch(item, 'POLICE', { kind: entry.kind, legalBasis: entry.legalBasis, text: entry.text.toString() });
    expect(getResearch(item, 'POLICE')).toMatchObject({ kind: 'FACT', legalBasis: 'FVA_S20' });
    expect(getResearch(item, 'POLICE')?.text.toString()).toBe('PO in force since May.');
  });
});
