import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { UNFINISHED_ACTION_STATUSES } from '../../shared/domain.js';
import {
  addAction, getItem, itemSnapshot, listCarried, listItems, meetingDocName, rationaleText, setCarriedStatus, setFields, updateAction,
  type MeetingItem,
} from '../../shared/meeting-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The actions earlier meetings set and not yet done come into the family's item in the next
// meeting; the meeting marks what became of each, and finalize takes that to the Action record.

describe('carried actions in the room', () => {
  let server: TestServer;
  let meetingId: string;
  let chair: ControlClient;
  const docs: Record<string, CollabClient> = {};
  const as: Record<string, Browserish> = {};

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'corrections', 'health']) {
      as[who] = new Browserish(server.url);
      await as[who].login(`${who}@demo.test`);
      await as[who].acknowledge(meetingId);
    }
    chair = connectControl(server.url, meetingId, sessionToken(as.chair!));
    expect(await handshakeOutcome(chair)).toBe('connected');
    expect(await chair.send('meeting:start', {})).toMatchObject({ ok: true });
    for (const who of ['chair', 'corrections', 'health']) docs[who] = connectDoc(server.url, meetingDocName(meetingId), sessionToken(as[who]!));
    await Promise.all(Object.values(docs).map((d) => synced(d)));
  });
  afterAll(async () => {
    chair?.close();
    for (const d of Object.values(docs)) d.destroy();
    await server?.stop();
  });

  const doc = (who: string): Y.Doc => docs[who]!.doc;
  const item = (who: string, id: string): MeetingItem => getItem(doc(who), id)!;
  /** An item carrying a Corrections action (every family an earlier meeting gave actions has one). */
  const withCorrections = (skip: string[] = []) =>
    listItems(doc('chair')).find((i) => !skip.includes(i.id) && listCarried(i).filter((c) => c.agency === 'CORRECTIONS').length > 0)!;
  const status = (id: string) => server.ctx.db.action.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((a) => a.status);

  async function decide(id: string): Promise<void> {
    const it = item('chair', id);
    setFields(it, { riskLevel: recordedBand(itemSnapshot(it)) ?? 'LOW', pathway: 'NO_FURTHER_ACTION' });
    if (rationaleText(it).length === 0) rationaleText(it).insert(0, 'Whānau supported; nothing further for the SAM.');
    const ack = await chair.send('item:finalize', { itemId: id });
    expect(ack).toMatchObject({ ok: true });
  }

  it("carries every action not yet done from the family's earlier meetings into its item", async () => {
    const carrying = listItems(doc('chair')).filter((i) => listCarried(i).length > 0);
    expect(carrying.length).toBeGreaterThan(0);
    for (const i of carrying) {
      const { caseId } = itemSnapshot(i);
      const owed = await server.ctx.db.action.findMany({
        where: { caseId, status: { in: [...UNFINISHED_ACTION_STATUSES] }, decision: { agendaItem: { meetingId: { not: meetingId } } } },
        select: { id: true, status: true },
      });
      expect(listCarried(i).map((c) => [c.id, c.status]).sort()).toEqual(owed.map((a) => [a.id, a.status]).sort());
    }
  });

  it("puts back another agency's mark on a carried action, and keeps the owning agency's", async () => {
    const target = withCorrections();
    const carried = listCarried(target).find((c) => c.agency === 'CORRECTIONS')!;
    setCarriedStatus(item('health', target.id), carried.id, 'NOT_DONE_AGENCY');
    await waitFor(() => listCarried(item('health', target.id)).find((c) => c.id === carried.id)?.status === carried.status, 'Health’s mark put back');

    setCarriedStatus(item('corrections', target.id), carried.id, 'DONE');
    await waitFor(() => listCarried(item('chair', target.id)).find((c) => c.id === carried.id)?.status === 'DONE', 'Corrections’ mark reaching the chair');
    // The record changes only at finalize.
    expect(await status(carried.id)).toBe(carried.status);
  });

  it("shows an agency's update from home in the item at once", async () => {
    const target = withCorrections();
    const carried = listCarried(target).find((c) => c.agency === 'CORRECTIONS' && c.status !== 'IN_PROGRESS') ?? listCarried(target)[0]!;
    const res = await as.corrections!.request('PATCH', `/api/actions/${carried.id}`, { status: 'IN_PROGRESS', outcomeNote: 'Sentence end date requested from Ōtautahi probation.' });
    expect(res.status).toBe(200);
    await waitFor(() => {
      const now = listCarried(item('chair', target.id)).find((c) => c.id === carried.id);
      return now?.status === 'IN_PROGRESS' && now.outcomeNote === 'Sentence end date requested from Ōtautahi probation.';
    }, 'the update from home in the item');
  });

  it("writes the meeting's marks to the Action records at finalize, audited in the meeting", async () => {
    const target = withCorrections();
    const marks = listCarried(target).map((c, i) => ({ id: c.id, status: (['DONE', 'OPEN', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY'] as const)[i % 4]! }));
    // The chair marks any agency's carried action.
    for (const m of marks) setCarriedStatus(item('chair', target.id), m.id, m.status);
    await decide(target.id);
    for (const m of marks) expect(await status(m.id)).toBe(m.status);
    const audited = await server.ctx.db.auditEvent.findMany({ where: { action: 'action.update', meetingId, subjectId: { in: marks.map((m) => m.id) } } });
    expect(audited.length).toBeGreaterThan(0);
  });

  it("keeps a status the room set when the chair re-decides an item (it used to be dropped)", async () => {
    const target = listItems(doc('chair')).find((i) => itemSnapshot(i).status === 'PENDING')!;
    const it = item('chair', target.id);
    const actionId = addAction(it, { type: 'Safety plan', agency: 'POLICE', due: '2040-01-10', description: 'Agree a safety plan with Mere Te Awa-Ngāti.' });
    setFields(it, { riskLevel: recordedBand(itemSnapshot(it)) ?? 'LOW', pathway: 'LEAD_AGENCY_RESPONSE', leadAgency: 'POLICE' });
    rationaleText(it).insert(0, 'Police best placed to engage.');
    expect(await chair.send('item:finalize', { itemId: target.id })).toMatchObject({ ok: true, version: 1 });
    const record = await server.ctx.db.action.findFirstOrThrow({ where: { docActionId: actionId } });
    expect(record.status).toBe('OPEN');

    expect(await chair.send('item:reopen', { itemId: target.id })).toEqual({ ok: true });
    await waitFor(() => itemSnapshot(item('chair', target.id)).status === 'PENDING', 'reopened');
    updateAction(item('chair', target.id), actionId, { status: 'IN_PROGRESS' });
    expect(await chair.send('item:finalize', { itemId: target.id })).toMatchObject({ ok: true, version: 2 });
    expect(await status(record.id)).toBe('IN_PROGRESS');
  });
});
