import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionDescriptionText,
  addAction,
  addItem,
  addItems,
  dissentText,
  getAction,
  getField,
  getItem,
  getItems,
  getResearch,
  itemSnapshot,
  listActions,
  listItems,
  listResearch,
  meetingSnapshot,
  moveItem,
  observeItems,
  rationaleText,
  readItemValues,
  removeAction,
  removeResearch,
  setDecisionState,
  setField,
  setFields,
  setResearch,
  updateAction,
} from './meeting-doc.js';
import { MeetingDocError } from './errors.js';
import { ItemSnapshot, LIMITS } from './schemas.js';
import { episode, fork, itemInit, sync } from './test-fixtures.js';
import type { MeetingItem } from './meeting-item.js';

function ids(doc: Y.Doc): string[] {
  return listItems(doc).map((item) => item.id);
}

function item(doc: Y.Doc, id: string): MeetingItem {
  const found = getItem(doc, id);
  if (!found) throw new Error(`test setup: no item ${id}`);
  return found;
}

function docWith(...itemIds: string[]): Y.Doc {
  const doc = new Y.Doc();
  addItems(doc, itemIds.map((id) => itemInit(id)));
  return doc;
}

describe('items', () => {
  it('adds an item with every field and nested type, in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const added = addItem(doc, itemInit('i1', { flags: ['REPEAT', 'STRANGULATION'] }), 'import');
    expect(transactions).toBe(1);
    expect(readItemValues(added)).toEqual({
      caseId: 'case-i1',
      familyRef: 'CAN-i1',
      reason: 'NEW_EPISODE',
      episodes: [episode()],
      lastDecidedRisk: null,
      rank: 'a0',
      status: 'PENDING',
      riskLevel: null,
      pathway: null,
      leadAgency: null,
      flags: ['REPEAT', 'STRANGULATION'],
      reportOfConcern: null,
      icmReview: null,
      decidedHash: null,
      decidedVersion: null,
    });
    expect(rationaleText(added).toString()).toBe('');
    expect(dissentText(added).toString()).toBe('');
    expect(listResearch(added)).toEqual([]);
    expect(listActions(added)).toEqual([]);
  });

  it('appends items in the order given and rejects duplicates and invalid inits', () => {
    const doc = docWith('b', 'a');
    addItem(doc, itemInit('c'));
    expect(ids(doc)).toEqual(['b', 'a', 'c']);
    expect(() => addItem(doc, itemInit('a'))).toThrow(/already exists/);
    expect(() => addItems(doc, [itemInit('d'), itemInit('d')])).toThrow(/already exists/);
    expect(() => addItem(doc, itemInit('bad id!'))).toThrow(MeetingDocError);
    expect(() => addItem(doc, itemInit('e', { episodes: [episode({ source: 'GOSSIP' as never })] }))).toThrow(
      /Invalid item #1/,
    );
    expect(ids(doc)).toEqual(['b', 'a', 'c']);
  });

  it('round-trips the editable fields and validates every write', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    setField(it1, 'riskLevel', 'HIGH');
    setField(it1, 'leadAgency', 'POLICE');
    setFields(it1, { pathway: 'REFER_ICM' });
    setDecisionState(it1, { status: 'DECIDED', decidedHash: 'a'.repeat(64) });
    expect(getField(it1, 'riskLevel')).toBe('HIGH');
    expect(getField(it1, 'pathway')).toBe('REFER_ICM');
    expect(getField(it1, 'leadAgency')).toBe('POLICE');
    expect(getField(it1, 'status')).toBe('DECIDED');
    expect(getField(it1, 'decidedHash')).toBe('a'.repeat(64));

    expect(() => setField(it1, 'riskLevel', 'EXTREME' as never)).toThrow(/Invalid riskLevel/);
    expect(() => setField(it1, 'leadAgency', 'police')).toThrow(/Invalid leadAgency/);
    expect(() => setField(it1, 'flags', ['REPEAT', 'REPEAT'])).toThrow(/must not repeat/);
    expect(() => setFields(it1, { rank: 'a1' } as never)).toThrow(/Invalid item fields/);
    // The decision state has its own (server's) setter.
    expect(() => setFields(it1, { status: 'PENDING' } as never)).toThrow(/Invalid item fields/);
    expect(() => setDecisionState(it1, { decidedVersion: 0 })).toThrow(/Invalid decision state/);
    expect(getField(it1, 'riskLevel')).toBe('HIGH');
  });

  it('does not write a value equal to the current one', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    setField(it1, 'flags', ['REPEAT']);
    const before = Y.encodeStateVector(doc);
    setField(it1, 'flags', ['REPEAT']);
    setFields(it1, { riskLevel: null });
    setDecisionState(it1, { status: 'PENDING' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('reads a corrupt field as its fallback rather than throwing', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    it1.ymap.set('riskLevel', 'EXTREME');
    it1.ymap.set('status', 42);
    expect(getField(it1, 'riskLevel')).toBeNull();
    expect(getField(it1, 'status')).toBe('PENDING');
    it1.ymap.set('rationale', 'plain string');
    expect(() => rationaleText(it1)).toThrow(/no rationale text/);
    expect(itemSnapshot(it1).rationale).toBe('');
  });

  it('tags its transactions with the given origin', () => {
    const doc = docWith('i1');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    setField(item(doc, 'i1'), 'riskLevel', 'LOW', 'server');
    expect(origins).toEqual(['server']);
  });
});

describe('research', () => {
  it('creates, updates, lists and removes entries per agency', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    setResearch(it1, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Two prior callouts.' });
    setResearch(it1, 'HEALTH', { kind: 'OPINION', legalBasis: 'PRIVACY_IPP11' });
    getResearch(it1, 'HEALTH')?.text.insert(0, 'ED visit in January.');
    setResearch(it1, 'POLICE', { kind: 'OPINION', legalBasis: 'FVA_S20' });

    expect(getResearch(it1, 'POLICE')?.text.toString()).toBe('Two prior callouts.');
    expect(getResearch(it1, 'POLICE')?.kind).toBe('OPINION');
    expect(getResearch(it1, 'MSD')).toBeNull();
    expect(itemSnapshot(it1).research).toEqual([
      { agency: 'HEALTH', kind: 'OPINION', legalBasis: 'PRIVACY_IPP11', text: 'ED visit in January.' },
      { agency: 'POLICE', kind: 'OPINION', legalBasis: 'FVA_S20', text: 'Two prior callouts.' },
    ]);
    removeResearch(it1, 'HEALTH');
    expect(listResearch(it1).map((r) => r.agency)).toEqual(['POLICE']);
  });

  it('rejects invalid entries and more than the limit', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    expect(() => setResearch(it1, 'police', { kind: 'FACT', legalBasis: 'CONSENT' })).toThrow(/agency code/);
    expect(() => setResearch(it1, 'POLICE', { kind: 'RUMOUR' as never, legalBasis: 'CONSENT' })).toThrow(
      /research entry/,
    );
    for (let i = 0; i < LIMITS.researchPerItem; i++) {
      setResearch(it1, `AGENCY_${i}`, { kind: 'FACT', legalBasis: 'OTHER' });
    }
    expect(() => setResearch(it1, 'ONE_TOO_MANY', { kind: 'FACT', legalBasis: 'OTHER' })).toThrow(/30 research/);
    setResearch(it1, 'AGENCY_0', { kind: 'OPINION', legalBasis: 'OTHER' });
  });
});

describe('actions', () => {
  it('adds, updates, lists in order added and removes actions', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    const first = addAction(it1, { type: 'HOME_VISIT', agency: 'OT', due: '2025-03-07', description: 'Visit whānau' });
    const second = addAction(it1, { type: 'SAFETY_PLAN', agency: 'FV_NGO', priority: 'URGENT' });
    expect(listActions(it1).map((a) => a.id)).toEqual([first, second]);

    updateAction(it1, first, { assignee: 'Hemi Walker', status: 'IN_PROGRESS' });
    actionDescriptionText(it1, second).insert(0, 'Contact within 24h');
    expect(getAction(it1, first)).toMatchObject({
      type: 'HOME_VISIT',
      agency: 'OT',
      assignee: 'Hemi Walker',
      due: '2025-03-07',
      priority: 'STANDARD',
      status: 'IN_PROGRESS',
    });
    expect(itemSnapshot(it1).actions.map((a) => a.description)).toEqual(['Visit whānau', 'Contact within 24h']);

    expect(removeAction(it1, first)).toBe(true);
    expect(removeAction(it1, first)).toBe(false);
    expect(listActions(it1).map((a) => a.id)).toEqual([second]);
  });

  it('validates inits and patches, and bounds the number of actions', () => {
    const doc = docWith('i1');
    const it1 = item(doc, 'i1');
    expect(() => addAction(it1, { type: 'X', due: '7/3/2025' })).toThrow(/Invalid action/);
    expect(() => addAction(it1, { type: 'X', assignee: 'x'.repeat(LIMITS.assignee + 1) })).toThrow(/Invalid action/);
    const id = addAction(it1, { type: 'X' });
    expect(() => updateAction(it1, id, { status: 'FINISHED' as never })).toThrow(/Invalid action fields/);
    expect(() => updateAction(it1, 'missing', { status: 'DONE' })).toThrow(/no action missing/);
    for (let i = 1; i < LIMITS.actionsPerItem; i++) addAction(it1, { type: 'X' });
    expect(() => addAction(it1, { type: 'X' })).toThrow(/50 actions/);
  });
});

describe('snapshots', () => {
  it('gives plain JSON that satisfies ItemSnapshot, in list order', () => {
    const doc = docWith('a', 'b');
    const a = item(doc, 'a');
    rationaleText(a).insert(0, 'High SAFVR, strangulation reported.');
    setFields(a, { riskLevel: 'HIGH', pathway: 'LEAD_AGENCY_RESPONSE', leadAgency: 'POLICE' });
    addAction(a, { type: 'WELFARE_CHECK', agency: 'POLICE', due: '2025-03-05' });
    moveItem(doc, 'b', null, 'a');

    const snapshot = meetingSnapshot(doc);
    expect(snapshot.map((s) => s.id)).toEqual(['b', 'a']);
    for (const s of snapshot) expect(ItemSnapshot.parse(s)).toEqual(s);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot[1]?.rationale).toBe('High SAFVR, strangulation reported.');
  });
});

describe('moveItem', () => {
  it('moves to the start, the end and between neighbours', () => {
    const doc = docWith('a', 'b', 'c', 'd');
    moveItem(doc, 'd', null, 'a');
    expect(ids(doc)).toEqual(['d', 'a', 'b', 'c']);
    moveItem(doc, 'd', 'c', null);
    expect(ids(doc)).toEqual(['a', 'b', 'c', 'd']);
    moveItem(doc, 'a', 'b', 'c');
    expect(ids(doc)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('leaves an item already in place untouched', () => {
    const doc = docWith('a', 'b', 'c');
    const before = Y.encodeStateVector(doc);
    moveItem(doc, 'b', 'a', 'c');
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('uses the previous neighbour when the next one is stale, and refuses unknown neighbours', () => {
    const doc = docWith('a', 'b', 'c');
    moveItem(doc, 'c', 'a', 'gone');
    expect(ids(doc)).toEqual(['a', 'c', 'b']);
    moveItem(doc, 'a', 'gone', 'b');
    expect(ids(doc)).toEqual(['c', 'a', 'b']);
    expect(() => moveItem(doc, 'a', 'gone', 'also-gone')).toThrow(/Cannot place/);
    expect(() => moveItem(doc, 'missing', null, 'a')).toThrow(/No item missing/);
  });

  it('places an item between neighbours with equal ranks by re-ranking the tied run', () => {
    const doc = new Y.Doc();
    addItems(doc, [itemInit('x', { rank: 'a0' }), itemInit('p', { rank: 'a1' }), itemInit('q', { rank: 'a1' })]);
    addItem(doc, itemInit('z', { rank: 'a2' }));
    addItem(doc, itemInit('m'));
    expect(ids(doc)).toEqual(['x', 'p', 'q', 'z', 'm']);
    moveItem(doc, 'm', 'p', 'q');
    expect(ids(doc)).toEqual(['x', 'p', 'm', 'q', 'z']);
    const ranks = listItems(doc).map((i) => getField(i, 'rank'));
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(getField(item(doc, 'x'), 'rank')).toBe('a0');
    expect(getField(item(doc, 'z'), 'rank')).toBe('a2');
  });

  it('renumbers the list when the key between neighbours would grow past the bound', () => {
    // Keys grow about one character per six moves into the same gap; start at the bound.
    const lo = `a0${'0'.repeat(LIMITS.rankLength - 3)}1`;
    const hi = `a0${'0'.repeat(LIMITS.rankLength - 3)}2`;
    const doc = new Y.Doc();
    addItems(doc, [itemInit('first', { rank: 'a0' }), itemInit('lo', { rank: lo }), itemInit('hi', { rank: hi })]);
    addItem(doc, itemInit('moving'));
    moveItem(doc, 'moving', 'lo', 'hi');
    expect(ids(doc)).toEqual(['first', 'lo', 'moving', 'hi']);
    expect(listItems(doc).map((i) => getField(i, 'rank'))).toEqual(['a0', 'a1', 'a2', 'a3']);
  });
});

describe('two peers converge', () => {
  it('merges concurrent typing in the same text by character', () => {
    const server = docWith('i1');
    const peer = fork(server);
    rationaleText(item(server, 'i1')).insert(0, 'Police: two callouts.');
    sync(server, peer);

    rationaleText(item(server, 'i1')).insert(6, ' (FV team)');
    const peerText = rationaleText(item(peer, 'i1'));
    peerText.insert(peerText.length, ' OT: open s17.');
    sync(server, peer);

    const expected = 'Police (FV team): two callouts. OT: open s17.';
    expect(rationaleText(item(server, 'i1')).toString()).toBe(expected);
    expect(rationaleText(item(peer, 'i1')).toString()).toBe(expected);
  });

  it('keeps concurrent edits to different fields', () => {
    const server = docWith('i1');
    const peer = fork(server);
    setField(item(server, 'i1'), 'riskLevel', 'HIGH');
    setResearch(item(server, 'i1'), 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'PO in force.' });
    setField(item(peer, 'i1'), 'pathway', 'REFER_ICM');
    const actionId = addAction(item(peer, 'i1'), { type: 'ICM_REFERRAL', agency: 'POLICE' });
    sync(server, peer);

    for (const doc of [server, peer]) {
      const snapshot = itemSnapshot(item(doc, 'i1'));
      expect(snapshot).toMatchObject({ riskLevel: 'HIGH', pathway: 'REFER_ICM' });
      expect(snapshot.research.map((r) => r.text)).toEqual(['PO in force.']);
      expect(snapshot.actions.map((a) => a.id)).toEqual([actionId]);
    }
  });

  it('keeps an edit to an item that another peer moved at the same time', () => {
    const server = docWith('a', 'b', 'c');
    const peer = fork(server);
    moveItem(server, 'c', null, 'a');
    rationaleText(item(peer, 'c')).insert(0, 'Edited while being moved.');
    setField(item(peer, 'c'), 'riskLevel', 'MEDIUM');
    sync(server, peer);

    for (const doc of [server, peer]) {
      expect(ids(doc)).toEqual(['c', 'a', 'b']);
      expect(rationaleText(item(doc, 'c')).toString()).toBe('Edited while being moved.');
      expect(getField(item(doc, 'c'), 'riskLevel')).toBe('MEDIUM');
    }
  });

  it('(why not a Y.Array: a move there is delete + insert, and loses that same edit)', () => {
    const server = new Y.Doc();
    const list = server.getArray<Y.Map<unknown>>('list');
    for (const id of ['a', 'b', 'c']) {
      const map = new Y.Map<unknown>();
      list.push([map]);
      map.set('id', id);
      map.set('rationale', new Y.Text());
    }
    const peer = fork(server);
    server.transact(() => {
      const moved = list.get(2);
      const copy = new Y.Map<unknown>();
      list.delete(2, 1);
      list.insert(0, [copy]);
      copy.set('id', moved.get('id'));
      copy.set('rationale', new Y.Text());
    });
    const peerRationale = peer.getArray<Y.Map<unknown>>('list').get(2).get('rationale');
    if (peerRationale instanceof Y.Text) peerRationale.insert(0, 'Edited while being moved.');
    sync(server, peer);
    const rationale = list.get(0).get('rationale');
    expect(rationale instanceof Y.Text && rationale.toString()).toBe('');
  });

  it('gives the same order after concurrent moves of the same item', () => {
    const server = docWith('a', 'b', 'c', 'd');
    const peer = fork(server);
    moveItem(server, 'd', null, 'a');
    moveItem(peer, 'd', 'a', 'b');
    sync(server, peer);
    expect(ids(server)).toEqual(ids(peer));
    expect(ids(server).filter((id) => id !== 'd')).toEqual(['a', 'b', 'c']);
  });

  it('orders items inserted concurrently at the same place the same way on both peers', () => {
    const server = docWith('a');
    const peer = fork(server);
    addItem(server, itemInit('s'));
    addItem(peer, itemInit('p'));
    sync(server, peer);
    expect(getField(item(server, 's'), 'rank')).toBe(getField(item(server, 'p'), 'rank'));
    expect(ids(server)).toEqual(['a', 'p', 's']);
    expect(ids(peer)).toEqual(ids(server));
    moveItem(peer, 'a', 'p', 's');
    sync(server, peer);
    expect(ids(server)).toEqual(['p', 'a', 's']);
  });
});

describe('observeItems', () => {
  it('reports what changed in which item, until unsubscribed', () => {
    const doc = docWith('a', 'b');
    const a = item(doc, 'a');
    setResearch(a, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20' });
    const actionId = addAction(a, { type: 'X' });
    const seen: Array<Record<string, unknown>> = [];
    const stop = observeItems(doc, (changes) => {
      seen.push(
        Object.fromEntries(
          [...changes].map(([id, change]) => [
            id,
            change && {
              fields: [...change.fields],
              research: [...change.research].sort(),
              actions: [...change.actions],
            },
          ]),
        ),
      );
    });
    addItem(doc, itemInit('c'));
    rationaleText(a).insert(0, 'x');
    doc.transact(() => {
      setField(item(doc, 'b'), 'riskLevel', 'LOW');
      getResearch(a, 'POLICE')?.text.insert(0, 'y');
      updateAction(a, actionId, { status: 'DONE' });
      setResearch(a, 'OT', { kind: 'FACT', legalBasis: 'OTA_S66C' });
    });
    getItems(doc).delete('c');
    stop();
    setField(item(doc, 'b'), 'riskLevel', 'HIGH');
    expect(seen).toEqual([
      { c: null },
      { a: { fields: ['rationale'], research: [], actions: [] } },
      {
        b: { fields: ['riskLevel'], research: [], actions: [] },
        a: { fields: [], research: ['OT', 'POLICE'], actions: [actionId] },
      },
      { c: null },
    ]);
  });
});
