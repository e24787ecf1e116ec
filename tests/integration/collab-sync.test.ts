import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAction, getItem, listItems, meetingDocName, meetingSnapshot, moveItem, rationaleText, setField,
} from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('live co-editing over y-websocket', () => {
  let server: TestServer;
  let meetingId: string;
  let docName: string;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];
  const open = (who: string) => {
    const client = connectDoc(server.url, docName, tokens[who]!);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meetings = await (await chair.request('GET', '/api/meetings')).json();
    meetingId = meetings.find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    for (const who of ['chair', 'police', 'ot', 'health', 'corrections', 'msd', 'acc', 'education', 'iwi', 'ngo']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      await b.acknowledge(meetingId);
      tokens[who] = sessionToken(b);
    }
    docName = meetingDocName(meetingId);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  /** What the database holds for the document, loaded into a fresh Y.Doc. */
  async function stored(): Promise<Y.Doc> {
    await server.ctx.docs.persistence.flush();
    const doc = new Y.Doc();
    const state = await server.ctx.docs.persistence.load(docName);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  }

  it("syncs a stock client with the meeting's agenda items from the records", async () => {
    const chair = open('chair');
    await synced(chair);
    const count = await server.ctx.db.agendaItem.count({ where: { meetingId } });
    expect(listItems(chair.doc)).toHaveLength(count);
    const first = listItems(chair.doc)[0]!;
    expect(meetingSnapshot(chair.doc)[0]!.episodes.length).toBeGreaterThan(0);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('two clients typing in the same field, different fields, and reorder vs edit converge — and match the store', async () => {
    const [a, b] = [open('police'), open('ot')];
    await Promise.all([synced(a), synced(b)]);
    const [x, y, z] = listItems(a.doc);
    // Same text field at once: merged by character.
    rationaleText(getItem(a.doc, x!.id)!).insert(0, 'Police: breach of protection order. ');
    rationaleText(getItem(b.doc, x!.id)!).insert(0, 'OT: tamariki at Kura o Te Whānau-ā-Āpanui. ');
    // Different fields on one item.
    setField(getItem(a.doc, y!.id)!, 'riskLevel', 'HIGH');
    setField(getItem(b.doc, y!.id)!, 'pathway', 'LEAD_AGENCY_RESPONSE');
    // One moves an item while the other edits it: the edit survives the move.
    moveItem(a.doc, z!.id, null, x!.id);
    addAction(getItem(b.doc, z!.id)!, { type: 'SAFETY_PLAN', agency: 'OT', description: 'Visit whānau with Ngāti Pōneke kaimahi', due: '2026-12-01' });

    await waitFor(() => JSON.stringify(meetingSnapshot(a.doc)) === JSON.stringify(meetingSnapshot(b.doc)), 'a and b to converge');
    const text = rationaleText(getItem(a.doc, x!.id)!).toString();
    expect(text).toContain('Police: breach of protection order. ');
    expect(text).toContain('OT: tamariki at Kura o Te Whānau-ā-Āpanui. ');
    const itemY = meetingSnapshot(a.doc).find((i) => i.id === y!.id)!;
    expect([itemY.riskLevel, itemY.pathway]).toEqual(['HIGH', 'LEAD_AGENCY_RESPONSE']);
    const ordered = listItems(a.doc).map((i) => i.id);
    expect(ordered[0]).toBe(z!.id);
    expect(meetingSnapshot(a.doc)[0]!.actions[0]!.description).toBe('Visit whānau with Ngāti Pōneke kaimahi');

    expect(meetingSnapshot(await stored())).toEqual(meetingSnapshot(a.doc));
  });

  it('ten clients editing the same items at once converge to identical state, equal to what is stored', async () => {
    const names = Object.keys(tokens);
    const ten = names.map((who) => open(who));
    await Promise.all(ten.map((c) => synced(c)));
    const targets = listItems(ten[0]!.doc).slice(0, 3).map((i) => i.id);
    for (let round = 0; round < 10; round++) {
      ten.forEach((c, i) => {
        const item = getItem(c.doc, targets[(i + round) % targets.length]!)!;
        const text = rationaleText(item);
        // At the start or the end: an insert inside someone's earlier token would split it.
        text.insert(round % 2 === 0 ? 0 : text.length, `[${names[i]}-${round}]`);
        if (round % 3 === 0) setField(item, 'riskLevel', (['LOW', 'MEDIUM', 'HIGH'] as const)[(i + round) % 3]!);
        const first = listItems(c.doc)[0]!.id;
        if (round % 4 === 1 && first !== item.id) moveItem(c.doc, item.id, null, first);
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    const reference = () => JSON.stringify(meetingSnapshot(ten[0]!.doc));
    await waitFor(() => ten.every((c) => JSON.stringify(meetingSnapshot(c.doc)) === reference()), 'ten clients to converge');
    const all = targets.map((id) => rationaleText(getItem(ten[0]!.doc, id)!).toString()).join('');
    for (const who of names) for (let round = 0; round < 10; round++) expect(all).toContain(`[${who}-${round}]`);
    expect(meetingSnapshot(await stored())).toEqual(meetingSnapshot(ten[0]!.doc));
  });

  it('records which participant sent each stored update', async () => {
    const senders = await server.ctx.db.docUpdate.findMany({
      where: { doc: docName, participantId: { not: null } },
      select: { participant: { select: { displayName: true, agency: { select: { code: true } } } } },
      distinct: ['participantId'],
    });
    expect(senders.map((s) => s.participant!.agency.code)).toEqual(expect.arrayContaining(['POLICE', 'OT', 'HEALTH']));
  });
});
