import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changedSinceDecision, decisionContent, decisionHash } from './decision-hash.js';
import { addAction, addItems, getItem, itemSnapshot, moveItem, rationaleText, setDecisionState, setFields } from './meeting-doc.js';
import { DecisionHash } from './schemas.js';
import { itemInit } from './test-fixtures.js';

function decidedItem() {
  const doc = new Y.Doc();
  addItems(doc, [itemInit('a'), itemInit('b')]);
  const item = getItem(doc, 'a');
  if (!item) throw new Error('test setup');
  setFields(item, { riskLevel: 'HIGH', pathway: 'REFER_ICM', leadAgency: 'POLICE' });
  rationaleText(item).insert(0, 'Strangulation; PO breached.');
  addAction(item, { type: 'ICM_REFERRAL', agency: 'POLICE', due: '2025-03-05' });
  return { doc, item };
}

describe('decision hash', () => {
  it('is a sha256 hex digest that ignores key order', async () => {
    const { item } = decidedItem();
    const snapshot = itemSnapshot(item);
    const hash = await decisionHash(snapshot);
    expect(DecisionHash.safeParse(hash).success).toBe(true);
    const reordered = Object.fromEntries(Object.entries(snapshot).reverse()) as typeof snapshot;
    expect(await decisionHash(reordered)).toBe(hash);
    expect(decisionContent(snapshot)).not.toContain('"rank"');
  });

  it('shows "changed since decision" for a change to the content, not to the order', async () => {
    const { doc, item } = decidedItem();
    expect(await changedSinceDecision(itemSnapshot(item))).toBe(false);
    setDecisionState(item, { status: 'DECIDED', decidedHash: await decisionHash(itemSnapshot(item)) });
    moveItem(doc, 'a', 'b', null);
    expect(await changedSinceDecision(itemSnapshot(item))).toBe(false);
    rationaleText(item).insert(0, 'Update: ');
    expect(await changedSinceDecision(itemSnapshot(item))).toBe(true);
  });
});
