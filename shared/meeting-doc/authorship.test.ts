import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposerFor, type Author } from './author.js';
import { authorshipProblems } from './authorship.js';
import {
  addAction, addItems, getAction, getField, getItem, getItems, getResearch, listResearch, observeItems, removeResearch,
  setDecisionState, setResearch, updateAction,
} from './meeting-doc.js';
import { fork, itemInit } from './test-fixtures.js';
import { repairDoc } from './validate.js';
import type { MeetingItem } from './meeting-item.js';
import type { Problem } from './problems.js';

const POLICE: Author = { agency: 'POLICE', role: 'REP' };
const OT: Author = { agency: 'OT', role: 'REP' };
const CORRECTIONS: Author = { agency: 'CORRECTIONS', role: 'REP' };
const CHAIR: Author = { agency: 'POLICE', role: 'CHAIR' };

/**
 * A server doc checked as the server's authority checks it, and clients that edit their own copy
 * and send what changed as one update (one transaction on the server, tagged with its author).
 */
function room() {
  const server = new Y.Doc();
  addItems(server, [itemInit('i1')]);
  const found: Problem[] = [];
  observeItems(server, (changes, tr) => {
    const author = (tr.origin as { author?: Author } | null)?.author;
    if (!author) return;
    const denied = [...changes].flatMap(([id, change]) => authorshipProblems(server, id, change, author, tr));
    if (denied.length > 0) repairDoc(server, 'meeting', denied, 'repair');
    found.push(...denied);
  });
  const client = (author: Author) => {
    const doc = fork(server);
    return {
      doc,
      item: getItem(doc, 'i1') as MeetingItem,
      /** Catches up with the server, edits, sends the edit, and takes the server's state (with any repair) back. */
      send(edit: (item: MeetingItem) => void) {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
        const vector = Y.encodeStateVector(server);
        edit(getItem(doc, 'i1') as MeetingItem);
        Y.applyUpdate(server, Y.encodeStateAsUpdate(doc, vector), { author });
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
      },
    };
  };
  const serverItem = () => getItem(server, 'i1') as MeetingItem;
  return { server, serverItem, client, found, paths: () => found.map((p) => p.path.join('.')) };
}

describe("research is written only by the agency's own participants", () => {
  it('deletes an entry another agency creates, keeps the writer’s own', () => {
    const r = room();
    r.client(POLICE).send((item) => {
      setResearch(item, 'OT', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Forged: no concerns' });
      setResearch(item, 'POLICE', { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Two call-outs since March.' });
    });
    expect(listResearch(r.serverItem()).map((e) => e.agency)).toEqual(['POLICE']);
    expect(r.paths()).toEqual(['research.OT']);
    expect(r.found[0]!.message).toMatch(/research\.OT is written only by OT/);
  });

  it("puts another agency's text back exactly, character edits and all, while its own edits stand", () => {
    const r = room();
    const ot = r.client(OT);
    ot.send((item) => setResearch(item, 'OT', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Tamariki known to OT since 2023.' }));
    const police = r.client(POLICE);
    police.send((item) => {
      const text = getResearch(item, 'OT')!.text;
      text.delete(0, 8);
      text.insert(text.length, ' No current concerns.');
    });
    expect(getResearch(r.serverItem(), 'OT')!.text.toString()).toBe('Tamariki known to OT since 2023.');
    // The writer's copy converges on the repair too.
    expect(getResearch(police.item, 'OT')!.text.toString()).toBe('Tamariki known to OT since 2023.');
    ot.send((item) => getResearch(item, 'OT')!.text.insert(0, 'Update: '));
    expect(getResearch(r.serverItem(), 'OT')!.text.toString()).toBe('Update: Tamariki known to OT since 2023.');
    expect(r.paths()).toEqual(['research.OT']);
  });

  it('restores a kind or legal basis, a deleted entry, and a research map replaced whole', () => {
    const r = room();
    r.client(OT).send((item) => setResearch(item, 'OT', { kind: 'OPINION', legalBasis: 'CONSENT', text: 'Whānau engaged with kaimahi.' }));
    const police = r.client(POLICE);
    police.send((item) => setResearch(item, 'OT', { kind: 'FACT', legalBasis: 'FVA_S20' }));
    police.send((item) => removeResearch(item, 'OT'));
    police.send((item) => {
      const replaced = new Y.Map<unknown>();
      item.ymap.set('research', replaced);
    });
    const entry = getResearch(r.serverItem(), 'OT')!;
    expect([entry.kind, entry.legalBasis, entry.text.toString()]).toEqual(['OPINION', 'CONSENT', 'Whānau engaged with kaimahi.']);
    expect(r.paths()).toEqual(['research.OT', 'research.OT', 'research.OT']);
  });

  it('puts back what others wrote in an item the writer replaced whole', () => {
    const r = room();
    r.client(OT).send((item) => setResearch(item, 'OT', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Open s66C request.' }));
    r.client(POLICE).send((item) => {
      const copy = new Y.Map<unknown>();
      getItems(item.doc).set('i1', copy);
      copy.set('research', new Y.Map<unknown>());
    });
    expect(getResearch(r.serverItem(), 'OT')!.text.toString()).toBe('Open s66C request.');
  });
});

describe("an action's status is its agency's or the chair's", () => {
  it('holds an action one agency adds for another as its proposal, OPEN, whatever status it was sent with', () => {
    const r = room();
    let id = '';
    r.client(POLICE).send((item) => {
      id = addAction(item, { type: 'PROBATION_CHECK', agency: 'CORRECTIONS', due: '2026-12-01', status: 'DONE' });
    });
    expect(getAction(r.serverItem(), id)).toMatchObject({ agency: 'CORRECTIONS', status: 'OPEN', proposedBy: 'POLICE' });
    expect(r.paths()).toEqual([`actions.${id}.proposedBy`, `actions.${id}.status`]);
  });

  it('lets the agency or the chair confirm and set the status, and nobody else', () => {
    const r = room();
    let id = '';
    r.client(POLICE).send((item) => {
      id = addAction(item, { type: 'PROBATION_CHECK', agency: 'CORRECTIONS', proposedBy: proposerFor(POLICE, 'CORRECTIONS') });
    });
    expect(r.found).toEqual([]);
    const corrections = r.client(CORRECTIONS);
    // Not while it is a proposal: confirming comes first.
    corrections.send((item) => updateAction(item, id, { status: 'IN_PROGRESS' }));
    expect(getAction(r.serverItem(), id)?.status).toBe('OPEN');
    // Police can't confirm its own proposal, nor OT.
    r.client(POLICE).send((item) => updateAction(item, id, { proposedBy: null }));
    r.client(OT).send((item) => updateAction(item, id, { proposedBy: 'OT' }));
    expect(getAction(r.serverItem(), id)?.proposedBy).toBe('POLICE');
    const refused = r.found.length;

    corrections.send((item) => updateAction(item, id, { proposedBy: null, status: 'IN_PROGRESS' }));
    expect(getAction(r.serverItem(), id)).toMatchObject({ status: 'IN_PROGRESS', proposedBy: null });
    r.client(POLICE).send((item) => updateAction(item, id, { status: 'DONE' }));
    expect(getAction(r.serverItem(), id)?.status).toBe('IN_PROGRESS');
    r.client(CHAIR).send((item) => updateAction(item, id, { status: 'DONE' }));
    expect(getAction(r.serverItem(), id)?.status).toBe('DONE');
    expect(r.found.length).toBe(refused + 1);
  });

  it('makes an action moved to another agency a proposal again, and leaves the writer’s own actions to them', () => {
    const r = room();
    let id = '';
    const police = r.client(POLICE);
    police.send((item) => {
      id = addAction(item, { type: 'SAFETY_PLAN', agency: 'POLICE', status: 'DONE' });
    });
    expect(getAction(r.serverItem(), id)).toMatchObject({ status: 'DONE', proposedBy: null });
    police.send((item) => updateAction(item, id, { agency: 'CORRECTIONS' }));
    expect(getAction(r.serverItem(), id)).toMatchObject({ agency: 'CORRECTIONS', status: 'OPEN', proposedBy: 'POLICE' });
    // The chair assigning is the chair's decision: no proposal.
    r.client(CHAIR).send((item) => updateAction(item, id, { agency: 'HEALTH', proposedBy: null }));
    expect(getAction(r.serverItem(), id)).toMatchObject({ agency: 'HEALTH', proposedBy: null });
  });

  it('reads an action written before proposals existed as no proposal, and checks only what changed', () => {
    const r = room();
    let id = '';
    r.client(CHAIR).send((item) => {
      id = addAction(item, { type: 'VISIT', agency: 'OT' });
    });
    const action = (getItem(r.server, 'i1')!.ymap.get('actions') as Y.Map<Y.Map<unknown>>).get(id)!;
    r.server.transact(() => action.delete('proposedBy'));
    r.client(POLICE).send((item) => updateAction(item, id, { assignee: 'Hemi Walker' }));
    expect(r.found).toEqual([]);
    expect(getAction(r.serverItem(), id)).toMatchObject({ assignee: 'Hemi Walker', proposedBy: null });
  });
});

describe('the decision state is the server’s', () => {
  it("puts back a client's status, decidedHash and decidedVersion; the server's own edits stand", () => {
    const r = room();
    setDecisionState(r.serverItem(), { status: 'DEFERRED' });
    r.client(CHAIR).send((item) => {
      item.ymap.set('status', 'DECIDED');
      item.ymap.set('decidedHash', 'f'.repeat(64));
      item.ymap.set('decidedVersion', 7);
    });
    expect([getField(r.serverItem(), 'status'), getField(r.serverItem(), 'decidedHash'), getField(r.serverItem(), 'decidedVersion')]).toEqual(['DEFERRED', null, null]);
    expect(r.paths()).toEqual(['status', 'decidedHash', 'decidedVersion']);
    expect(r.found[0]!.message).toMatch(/only by the server/);
  });
});
