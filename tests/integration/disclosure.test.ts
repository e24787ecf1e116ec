import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem, listItems, listResearch, meetingDocName, prepDocName, setPrepEntry } from '../../shared/meeting-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe("an agency's private preparation, shared or withheld", () => {
  let server: TestServer;
  let meetingId: string;
  const b: Record<string, Browserish> = {};
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['police', 'ot', 'observer', 'chair']) {
      b[who] = new Browserish(server.url);
      await b[who].login(`${who}@demo.test`);
      await b[who].acknowledge(meetingId);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  it("keeps agency A's prep doc from agency B", async () => {
    const url = `${server.url.replace('http', 'ws')}/collab/${prepDocName(meetingId, 'POLICE')}?token=${sessionToken(b.ot!)}`;
    expect((await rawUpgrade(url)).status).toBe(403);
  });

  it('sharing copies the entry into the meeting document and records the disclosure', async () => {
    const prep = connectDoc(server.url, prepDocName(meetingId, 'POLICE'), sessionToken(b.police!));
    const meeting = connectDoc(server.url, meetingDocName(meetingId), sessionToken(b.chair!));
    clients.push(prep, meeting);
    await Promise.all([synced(prep), synced(meeting)]);
    const itemId = listItems(meeting.doc)[0]!.id;
    setPrepEntry(prep.doc, itemId, { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Two call-outs to the Ōtautahi address since March; PSO issued.' });
    await new Promise((r) => setTimeout(r, 100));

    const res = await b.police!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' });
    expect(res.status).toBe(201);
    await waitFor(() => listResearch(getItem(meeting.doc, itemId)!).some((r) => r.text.toString().startsWith('Two call-outs')), 'the shared entry in the meeting');
    const entry = listResearch(getItem(meeting.doc, itemId)!).find((r) => r.agency === 'POLICE')!;
    expect([entry.kind, entry.legalBasis]).toEqual(['FACT', 'FVA_S20']);
    const row = await server.ctx.db.disclosure.findFirstOrThrow({ where: { agendaItemId: itemId, status: 'SHARED' }, include: { agency: true } });
    expect(row).toMatchObject({ kind: 'FACT', legalBasis: 'FVA_S20', content: 'Two call-outs to the Ōtautahi address since March; PSO issued.' });
    expect(row.agency.code).toBe('POLICE');
  });

  it('refuses to share prepared text the record cannot hold, naming it, and records nothing', async () => {
    const prep = connectDoc(server.url, prepDocName(meetingId, 'OT'), sessionToken(b.ot!));
    clients.push(prep);
    await synced(prep);
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId }, orderBy: { id: 'asc' }, skip: 1 })).id;
    setPrepEntry(prep.doc, itemId, { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Pasted from a case note\u0000 with a NUL.' });
    await new Promise((r) => setTimeout(r, 100));
    const res = await b.ot!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'text' }] } });
    expect(await server.ctx.db.disclosure.count({ where: { agendaItemId: itemId } })).toBe(0);
  });

  it('withholding records the reason without any content', async () => {
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId }, orderBy: { id: 'asc' } })).id;
    const res = await b.ot!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'WITHHOLD', withheldReason: 'Active s66C request not yet answered' });
    expect(res.status).toBe(201);
    const row = await server.ctx.db.disclosure.findFirstOrThrow({ where: { agendaItemId: itemId, status: 'WITHHELD' } });
    expect(row.content).toBeNull();
    expect(row.withheldReason).toBe('Active s66C request not yet answered');
  });

  it('refuses sharing with nothing prepared, and observers', async () => {
    const itemId = (await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId }, orderBy: { id: 'desc' } })).id;
    const empty = await b.ot!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.code).toBe('NOTHING_TO_SHARE');
    expect((await b.observer!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' })).status).toBe(403);
  });
});
