import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAction,
  addItems,
  getAction,
  getField,
  getItem,
  getResearch,
  itemSnapshot,
  listActions,
  listItems,
  listResearch,
  observeItems,
  rationaleText,
  setResearch,
} from './meeting-doc.js';
import { getPrepEntry, setPrepEntry } from './prep-doc.js';
import { ItemSnapshot, LIMITS, type ItemValues } from './schemas.js';
import { episode, fork, itemInit, sync } from './test-fixtures.js';
import { repairDoc, repairItem, validateDocShape, validateItem, validatePrepDoc } from './validate.js';
import type { MeetingItem } from './meeting-item.js';
import type { Problem } from './problems.js';

function setup(...ids: string[]): { doc: Y.Doc; item: MeetingItem } {
  const doc = new Y.Doc();
  addItems(doc, (ids.length ? ids : ['i1']).map((id) => itemInit(id)));
  const item = getItem(doc, ids[0] ?? 'i1');
  if (!item) throw new Error('test setup');
  return { doc, item };
}

/** Validates, repairs, and checks the repair left nothing to find. */
function validateAndRepair(doc: Y.Doc, item: MeetingItem): Problem[] {
  const problems = validateItem(item);
  repairItem(doc, item.id, problems, 'server');
  const fresh = getItem(doc, item.id);
  expect(fresh && validateItem(fresh)).toEqual([]);
  return problems;
}

describe('validateItem', () => {
  it('finds nothing wrong with an item written through the accessors', () => {
    const { item } = setup();
    setResearch(item, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'x' });
    addAction(item, { type: 'VISIT', agency: 'OT', due: '2025-03-07' });
    expect(validateItem(item)).toEqual([]);
  });

  it('resets an unknown enum value', () => {
    const { doc, item } = setup();
    item.ymap.set('riskLevel', 'EXTREME');
    item.ymap.set('status', 'ARCHIVED');
    const problems = validateAndRepair(doc, item);
    expect(problems.map((p) => [p.itemId, p.path, p.repair])).toEqual([
      ['i1', ['status'], { kind: 'set', value: 'PENDING' }],
      ['i1', ['riskLevel'], { kind: 'set', value: null }],
    ]);
    expect(problems[1]?.message).toMatch(/riskLevel/);
    expect(getField(item, 'riskLevel')).toBeNull();
    expect(getField(item, 'status')).toBe('PENDING');
  });

  it('recreates a rationale replaced by a number, or by a string (keeping its content)', () => {
    const { doc, item } = setup('a', 'b');
    item.ymap.set('rationale', 42);
    expect(validateAndRepair(doc, item)).toMatchObject([
      { path: ['rationale'], message: 'rationale is a number, not a text', repair: { kind: 'replaceText', text: '' } },
    ]);
    expect(rationaleText(item).toString()).toBe('');

    const other = getItem(doc, 'b');
    if (!other) throw new Error('test setup');
    other.ymap.set('rationale', 'typed as a plain string');
    other.ymap.set('dissent', new Y.Map());
    validateAndRepair(doc, other);
    expect(rationaleText(other).toString()).toBe('typed as a plain string');
    expect(itemSnapshot(other).dissent).toBe('');
  });

  it('truncates an over-long text without splitting a surrogate pair', () => {
    const { doc, item } = setup();
    rationaleText(item).insert(0, `${'x'.repeat(LIMITS.rationale - 1)}😀 and more`);
    const problems = validateAndRepair(doc, item);
    expect(problems).toMatchObject([
      { path: ['rationale'], repair: { kind: 'truncateText', maxLength: LIMITS.rationale } },
    ]);
    expect(rationaleText(item).toString()).toBe('x'.repeat(LIMITS.rationale - 1));
  });

  it('deletes unknown fields at every level', () => {
    const { doc, item } = setup();
    setResearch(item, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20' });
    const actionId = addAction(item, { type: 'VISIT' });
    item.ymap.set('secret', 'x'.repeat(10_000));
    const research = item.ymap.get('research');
    if (research instanceof Y.Map) research.get('POLICE').set('extra', 1);
    const action = item.ymap.get('actions');
    if (action instanceof Y.Map) action.get(actionId).set('extra', 1);
    expect(validateAndRepair(doc, item).map((p) => p.path)).toEqual([
      ['secret'],
      ['research', 'POLICE', 'extra'],
      ['actions', actionId, 'extra'],
    ]);
    expect(item.ymap.has('secret')).toBe(false);
  });

  it('repairs research and actions: bad keys, bad values, over-long texts, over the limits', () => {
    const { doc, item } = setup();
    setResearch(item, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20' });
    for (let i = 0; i < LIMITS.actionsPerItem; i++) addAction(item, { type: 'X' });
    const [first] = listActions(item);
    if (!first) throw new Error('test setup');
    const research = item.ymap.get('research');
    const actions = item.ymap.get('actions');
    if (!(research instanceof Y.Map) || !(actions instanceof Y.Map)) throw new Error('test setup');
    doc.transact(() => {
      research.get('POLICE').set('kind', 'RUMOUR');
      research.set('police', new Y.Map());
      research.set('HEALTH', 'not a map');
      actions.set('zzz-one-too-many', actions.get(first.id).clone());
      actions.get(first.id).set('assignee', 'y'.repeat(LIMITS.assignee + 10));
      actions.get(first.id).set('due', 'next Tuesday');
      actions.get(first.id).get('description').insert(0, 'd'.repeat(LIMITS.actionDescription + 1));
    });
    const problems = validateAndRepair(doc, item);
    expect(problems.map((p) => [p.path.join('.'), p.repair?.kind])).toEqual([
      ['research.HEALTH', 'delete'],
      ['research.POLICE.kind', 'set'],
      ['research.police', 'delete'],
      [`actions.${first.id}.assignee`, 'set'],
      [`actions.${first.id}.due`, 'set'],
      [`actions.${first.id}.description`, 'truncateText'],
      ['actions.zzz-one-too-many', 'delete'],
    ]);
    expect(getResearch(item, 'POLICE')?.kind).toBe('OPINION');
    expect(listResearch(item).map((r) => r.agency)).toEqual(['POLICE']);
    expect(listActions(item)).toHaveLength(LIMITS.actionsPerItem);
    expect(getAction(item, first.id)).toMatchObject({ assignee: 'y'.repeat(LIMITS.assignee), due: null });
  });

  it('recreates research and actions maps replaced by other values', () => {
    const { doc, item } = setup();
    item.ymap.set('research', 'gone');
    item.ymap.delete('actions');
    expect(validateAndRepair(doc, item).map((p) => p.message)).toEqual([
      'research is a string, not a map',
      'actions is missing, not a map',
    ]);
    setResearch(item, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20' });
    addAction(item, { type: 'VISIT' });
  });

  it('keeps the valid part of episodes and flags, and puts a corrupt rank at the end', () => {
    const { doc, item } = setup('i1', 'i2');
    item.ymap.set('episodes', [episode(), { policeRef: 'forged' }]);
    item.ymap.set('flags', ['REPEAT', 'REPEAT', 'lower', 7]);
    item.ymap.set('rank', 'not a key!');
    validateAndRepair(doc, item);
    expect(getField(item, 'episodes')).toEqual([episode()]);
    expect(getField(item, 'flags')).toEqual(['REPEAT']);
    expect(listItems(doc).map((i) => i.id)).toEqual(['i2', 'i1']);
  });

  it('restores server-owned fields from `expected`, and cannot guess them without it', () => {
    const { doc, item } = setup();
    const expected: Partial<ItemValues> = {
      caseId: 'case-i1',
      familyRef: 'CAN-i1',
      reason: 'NEW_EPISODE',
      episodes: [episode()],
    };
    item.ymap.set('caseId', 'another-case');
    item.ymap.set('episodes', [episode({ summary: 'rewritten by a client' })]);
    const problems = validateItem(item, { expected });
    expect(problems.map((p) => p.message)).toEqual([
      "caseId differs from the server's record",
      "episodes differs from the server's record",
    ]);
    repairItem(doc, item.id, problems, 'server');
    expect(itemSnapshot(item)).toMatchObject({ caseId: 'case-i1', episodes: [episode()] });

    item.ymap.set('caseId', '../../etc');
    const unguessable = validateItem(item);
    expect(unguessable).toMatchObject([{ path: ['caseId'], repair: null }]);
    repairItem(doc, item.id, unguessable, 'server');
    expect(validateItem(item)).toHaveLength(1);
    expect(ItemSnapshot.safeParse(itemSnapshot(item)).success).toBe(false);
  });

  it('repairs in one transaction tagged with the origin, and peers converge on the repair', () => {
    const { doc: server, item } = setup();
    const client = fork(server);
    const clientItem = getItem(client, 'i1');
    if (!clientItem) throw new Error('test setup');
    clientItem.ymap.set('rationale', 99);
    clientItem.ymap.set('pathway', 'PRISON');
    sync(server, client);

    const origins: unknown[] = [];
    server.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    repairItem(server, 'i1', validateItem(item), 'server-repair');
    expect(origins).toEqual(['server-repair']);
    sync(server, client);
    expect(validateItem(clientItem)).toEqual([]);
    rationaleText(clientItem).insert(0, 'typing again');
    sync(server, client);
    expect(rationaleText(item).toString()).toBe('typing again');
  });

  it('skips repairs whose target has gone since validation', () => {
    const { doc, item } = setup();
    const actionId = addAction(item, { type: 'X' });
    const actions = item.ymap.get('actions');
    if (!(actions instanceof Y.Map)) throw new Error('test setup');
    actions.get(actionId).set('status', 'LOST');
    const problems = validateItem(item);
    actions.delete(actionId);
    repairItem(doc, item.id, problems, 'server');
    expect(actions.has(actionId)).toBe(false);
  });
});

describe('validating only what changed', () => {
  it('checks just the changed fields and entries', () => {
    const { item } = setup();
    const actionId = addAction(item, { type: 'X' });
    const actions = item.ymap.get('actions');
    if (!(actions instanceof Y.Map)) throw new Error('test setup');
    actions.get(actionId).set('status', 'LOST');
    item.ymap.set('riskLevel', 'EXTREME');
    const none = { fields: new Set<string>(), research: new Set<string>(), actions: new Set<string>() };
    expect(validateItem(item, { change: { ...none, fields: new Set(['rationale']) } })).toEqual([]);
    expect(validateItem(item, { change: { ...none, fields: new Set(['riskLevel']) } }).map((p) => p.path)).toEqual([
      ['riskLevel'],
    ]);
    expect(validateItem(item, { change: { ...none, actions: new Set([actionId]) } }).map((p) => p.path)).toEqual([
      ['actions', actionId, 'status'],
    ]);
    expect(validateItem(item, { change: null })).toHaveLength(2);
  });

  it('works as the server loop: observe a client update, validate its changes, repair, converge', () => {
    const { doc: server } = setup('i1', 'i2');
    const client = fork(server);
    const serverOrigin = { server: true };
    const found: Problem[] = [];
    const expected: Partial<ItemValues> = { reason: 'NEW_EPISODE', episodes: [episode()] };
    observeItems(server, (changes, transaction) => {
      if (transaction.origin === serverOrigin) return;
      const problems = validateDocShape(server, 'meeting', changes.keys());
      for (const [id, change] of changes) {
        const item = getItem(server, id);
        const record = { ...expected, caseId: `case-${id}`, familyRef: `CAN-${id}` };
        if (item) problems.push(...validateItem(item, { change, expected: record }));
      }
      found.push(...problems);
      repairDoc(server, 'meeting', problems, serverOrigin);
    });

    const i1 = getItem(client, 'i1');
    if (!i1) throw new Error('test setup');
    client.transact(() => {
      i1.ymap.set('riskLevel', 'EXTREME');
      i1.ymap.set('reason', 'REPEAT');
      setResearch(i1, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'ok' });
      client.getMap('items').set('i3', 'junk');
    });
    sync(server, client);
    expect(found.map((p) => [p.itemId, p.path.join('.')])).toEqual([
      ['i3', ''],
      ['i1', 'reason'],
      ['i1', 'riskLevel'],
    ]);
    sync(server, client);
    expect(itemSnapshot(i1)).toMatchObject({ reason: 'NEW_EPISODE', riskLevel: null });
    expect(getResearch(i1, 'POLICE')?.text.toString()).toBe('ok');
    expect(listItems(client).map((i) => i.id)).toEqual(['i1', 'i2']);
  });
});

describe('validateDocShape', () => {
  it('finds nothing wrong with a fresh doc', () => {
    const { doc } = setup();
    expect(validateDocShape(doc)).toEqual([]);
  });

  it('clears unknown top-level content a client sent, whatever its type', () => {
    const { doc: server } = setup();
    const client = fork(server);
    client.getMap('evil').set('payload', 'x');
    client.getArray('junk').push([1, 2, 3]);
    client.getText('notes').insert(0, 'hidden');
    sync(server, client);

    const problems = validateDocShape(server);
    expect(problems).toEqual([
      { itemId: null, path: ['evil'], message: 'unknown top-level evil', repair: { kind: 'clearTopLevel' } },
      { itemId: null, path: ['junk'], message: 'unknown top-level junk', repair: { kind: 'clearTopLevel' } },
      { itemId: null, path: ['notes'], message: 'unknown top-level notes', repair: { kind: 'clearTopLevel' } },
    ]);
    repairDoc(server, 'meeting', problems, 'server');
    expect(validateDocShape(server)).toEqual([]);
    sync(server, client);
    expect(client.getMap('evil').size).toBe(0);
    expect(client.getArray('junk').length).toBe(0);
    expect(client.getText('notes').toString()).toBe('');
    expect(listItems(client).map((i) => i.id)).toEqual(['i1']);
  });

  it('clears list content pushed into items and deletes entries that are not items', () => {
    const { doc: server } = setup();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.getArray('items').push(['hidden']);
    sync(server, client);
    const items = server.getMap('items');
    items.set('i2', 'not a map');
    items.set('bad id!', new Y.Map());

    const problems = validateDocShape(server);
    expect(problems.map((p) => [p.itemId, p.path, p.repair?.kind])).toEqual([
      [null, ['items'], 'clearListContent'],
      ['bad id!', [], 'delete'],
      ['i2', [], 'delete'],
    ]);
    repairDoc(server, 'meeting', problems, 'server');
    expect(validateDocShape(server)).toEqual([]);
    expect([...items.keys()]).toEqual(['i1']);
  });
});

describe('validatePrepDoc', () => {
  it('checks the shape and every entry of a prep doc', () => {
    const doc = new Y.Doc();
    setPrepEntry(doc, 'i1', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Known to OT since 2021.' });
    setPrepEntry(doc, 'i2', { kind: 'OPINION', legalBasis: 'CONSENT' });
    expect(validatePrepDoc(doc)).toEqual([]);

    const entries = doc.getMap('entries');
    const i2 = entries.get('i2');
    if (!(i2 instanceof Y.Map)) throw new Error('test setup');
    i2.set('legalBasis', 'GUT_FEELING');
    i2.set('text', 'plain');
    doc.getMap('items').set('x', 1);

    const problems = validatePrepDoc(doc);
    expect(problems.map((p) => [p.itemId, p.path, p.repair?.kind])).toEqual([
      [null, ['items'], 'clearTopLevel'],
      ['i2', ['legalBasis'], 'set'],
      ['i2', ['text'], 'replaceText'],
    ]);
    repairDoc(doc, 'prep', problems, 'server');
    expect(validatePrepDoc(doc)).toEqual([]);
    expect(getPrepEntry(doc, 'i2')).toMatchObject({ kind: 'OPINION', legalBasis: 'OTHER' });
    expect(getPrepEntry(doc, 'i2')?.text.toString()).toBe('plain');
    expect(getPrepEntry(doc, 'i1')?.text.toString()).toBe('Known to OT since 2021.');
  });
});
