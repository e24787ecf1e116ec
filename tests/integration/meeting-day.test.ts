import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { RiskLevel } from '../../shared/domain.js';
import {
  addAction, getField, getItem, itemSnapshot, listItems, meetingDocName, rationaleText, setFields, updateAction,
} from '../../shared/meeting-doc/index.js';
import { rationaleReason, recordedBand } from '../../shared/rules/decision-rules.js';
import { todayInNz } from '../../shared/nz-time.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

const other = (level: RiskLevel | null): RiskLevel => (level === 'LOW' ? 'MEDIUM' : 'LOW');

describe('a full meeting day: start, focus, finalize, defer, close — and the records after', () => {
  let server: TestServer;
  let meetingId: string;
  let chair: ControlClient;
  let rep: ControlClient;
  let doc: Y.Doc;
  let repDoc: CollabClient;
  const browsers: Record<string, Browserish> = {};
  const cleanup: (() => void)[] = [];
  let itemA: string;
  let itemB: string;
  let actionId: string;

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'ot', 'health']) {
      browsers[who] = new Browserish(server.url);
      await browsers[who].login(`${who}@demo.test`);
      await browsers[who].acknowledge(meetingId);
    }
    chair = connectControl(server.url, meetingId, sessionToken(browsers.chair!));
    rep = connectControl(server.url, meetingId, sessionToken(browsers.ot!));
    const chairDoc = connectDoc(server.url, meetingDocName(meetingId), sessionToken(browsers.chair!));
    repDoc = connectDoc(server.url, meetingDocName(meetingId), sessionToken(browsers.ot!));
    cleanup.push(() => chair.close(), () => rep.close(), () => chairDoc.destroy(), () => repDoc.destroy());
    expect(await handshakeOutcome(chair)).toBe('connected');
    expect(await handshakeOutcome(rep)).toBe('connected');
    await Promise.all([synced(chairDoc), synced(repDoc)]);
    doc = chairDoc.doc;
    [itemA, itemB] = listItems(doc).map((i) => i.id) as [string, string];
  });
  afterAll(async () => {
    for (const c of cleanup) c();
    await server?.stop();
  });

  const item = (id: string) => getItem(doc, id)!;
  const finalize = (itemId: string) => chair.send('item:finalize', { itemId });
  const errorFields = async (itemId: string) => {
    const ack = await finalize(itemId);
    expect(ack.ok).toBe(false);
    return ack.ok ? [] : (ack.error.fields ?? []).map((f) => f.field);
  };

  it('refuses to finalize before the meeting starts, then starts it for everyone', async () => {
    const early = await finalize(itemA);
    expect(!early.ok && early.error.code).toBe('MEETING_NOT_LIVE');
    expect(await chair.send('meeting:start', {})).toMatchObject({ ok: true });
    await waitFor(() => rep.last('meeting:status')?.status === 'LIVE', 'LIVE to reach the rep');
    const again = await chair.send('meeting:start', {});
    expect(!again.ok && again.error.code).toBe('INVALID_STATE');
  });

  it('returns every failed rule at its field, then records version 1', async () => {
    expect(await errorFields(itemA)).toEqual(['riskLevel', 'pathway']);
    const band = recordedBand(itemSnapshot(item(itemA)));
    setFields(item(itemA), { riskLevel: other(band), pathway: 'LEAD_AGENCY_RESPONSE' });
    expect(await errorFields(itemA)).toEqual([...(band ? ['rationale'] : []), 'leadAgency', 'actions']);
    actionId = addAction(item(itemA), { type: '', agency: 'OT', description: 'Whānau hui at the marae' });
    expect(await errorFields(itemA)).toEqual(expect.arrayContaining([`actions.${actionId}.type`, `actions.${actionId}.due`]));

    rationaleText(item(itemA)).insert(0, 'Tamariki present; Oranga Tamariki already working with the whānau.');
    setFields(item(itemA), { leadAgency: 'OT' });
    updateAction(item(itemA), actionId, { type: 'SAFETY_PLAN', due: '2026-12-04', priority: 'URGENT' });
    const ok = await finalize(itemA);
    expect(ok).toMatchObject({ ok: true, itemId: itemA, version: 1, created: true });
    await waitFor(() => rep.received.some((r) => r.event === 'item:decided' && (r.payload as { itemId: string }).itemId === itemA), 'item:decided');
    await waitFor(() => itemSnapshot(getItem(repDoc.doc, itemA)!).status === 'DECIDED', 'DECIDED in the rep’s document');
  });

  it('creates nothing new when finalized again unchanged, and version 2 after a change', async () => {
    expect(await finalize(itemA)).toMatchObject({ ok: true, version: 1, created: false });
    rationaleText(item(itemA)).insert(0, 'Updated after Health shared an ED presentation. ');
    expect(await finalize(itemA)).toMatchObject({ ok: true, version: 2, created: true });

    const caseId = itemSnapshot(item(itemA)).caseId;
    const history = await (await browsers.chair!.request('GET', `/api/cases/${caseId}`)).json();
    const meeting = history.meetings.find((m: { itemId: string }) => m.itemId === itemA);
    expect(meeting.decisions.map((d: { version: number; superseded: boolean }) => [d.version, d.superseded])).toEqual([[2, false], [1, true]]);
    expect(meeting.decisions[0].rationale).toMatch(/^Updated after Health/);
    expect(history.actions.filter((a: { type: string }) => a.type === 'SAFETY_PLAN')).toHaveLength(1);
    expect(history.leadAgency.code).toBe('OT');
  });

  it('shows the version in the document; the chair reopens a decision, which must then be decided again', async () => {
    await waitFor(() => getField(getItem(repDoc.doc, itemA)!, 'decidedVersion') === 2, 'version 2 in the rep’s document');
    const refused = await rep.send('item:reopen', { itemId: itemA });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');

    expect(await chair.send('item:reopen', { itemId: itemA })).toEqual({ ok: true });
    await waitFor(() => itemSnapshot(getItem(repDoc.doc, itemA)!).status === 'PENDING', 'PENDING again for the rep');
    await waitFor(() => rep.last('item:decided')?.status === 'PENDING', 'the reopening to reach the rep');
    expect(getField(item(itemA), 'decidedVersion')).toBe(2);
    expect((await server.ctx.db.agendaItem.findUniqueOrThrow({ where: { id: itemA } })).status).toBe('PENDING');
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'item.reopen', subjectId: itemA } })).toBe(1);
    const twice = await chair.send('item:reopen', { itemId: itemA });
    expect(!twice.ok && twice.error.code).toBe('INVALID_STATE');

    expect(await finalize(itemA)).toMatchObject({ ok: true, version: 2, created: false });
    await waitFor(() => itemSnapshot(item(itemA)).status === 'DECIDED', 'DECIDED again');
  });

  it('defers an item, and will not close while items are open', async () => {
    expect(await chair.send('item:defer', { itemId: itemB, reason: 'Waiting for Corrections release details' })).toEqual({ ok: true });
    await waitFor(() => itemSnapshot(item(itemB)).status === 'DEFERRED', 'DEFERRED in the document');
    const refused = await chair.send('meeting:close', {});
    expect(!refused.ok && refused.error.code).toBe('ITEMS_OPEN');
    const open = listItems(doc).length - 2;
    expect(!refused.ok && refused.error.fields).toHaveLength(open);
  });

  it('finalizes the rest together (each still checked) and closes; the documents become read-only', async () => {
    const rest = listItems(doc).filter((i) => ![itemA, itemB].includes(i.id));
    const bad = rest[0]!.id;
    doc.transact(() => {
      for (const i of rest) {
        setFields(i, { riskLevel: recordedBand(itemSnapshot(i)) ?? 'LOW', pathway: i.id === bad ? 'REFER_ICM' : 'NO_FURTHER_ACTION' });
        // A family decided higher at an earlier meeting needs the reason it is lower now.
        if (rationaleReason(itemSnapshot(i)) && rationaleText(i).length === 0) rationaleText(i).insert(0, 'Police have since charged the person using violence; bail conditions hold.');
      }
    });
    const first = await chair.send('items:finalize', { itemIds: rest.map((i) => i.id) });
    const results = (first as unknown as { results: { itemId: string; ok: boolean }[] }).results;
    expect(results.filter((r) => !r.ok).map((r) => r.itemId)).toEqual([bad]);
    setFields(item(bad), { pathway: 'INFORMATION_ONLY' });
    expect(await chair.send('items:finalize', { itemIds: [bad] })).toMatchObject({ ok: true, results: [{ ok: true }] });

    const closed = await chair.send('meeting:close', {});
    expect(closed).toMatchObject({ ok: true, minutesSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await server.ctx.db.minutesVersion.count({ where: { meetingId, format: 'PDF', agencyId: null } })).toBe(1);
    await waitFor(() => rep.last('meeting:status')?.status === 'CLOSED', 'CLOSED to reach the rep');
    const m = await server.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(m.status).toBe('CLOSED');
    expect(await server.ctx.db.participant.count({ where: { meetingId, leftAt: null, admittedAt: { not: null } } })).toBe(0);

    await server.ctx.docs.persistence.flush();
    const before = await server.ctx.db.docUpdate.count({ where: { doc: meetingDocName(meetingId) } });
    rationaleText(getItem(repDoc.doc, itemA)!).insert(0, 'after close ');
    await new Promise((r) => setTimeout(r, 200));
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count({ where: { doc: meetingDocName(meetingId) } })).toBe(before);
  });

  it("lets the owning agency update its action between meetings, and nobody else's", async () => {
    const action = await server.ctx.db.action.findFirstOrThrow({ where: { docActionId: actionId } });
    const byOwner = await browsers.ot!.request('PATCH', `/api/actions/${action.id}`, { status: 'NOT_DONE_AGENCY', outcomeNote: 'Kaimahi on leave' });
    expect(byOwner.status).toBe(200);
    expect(await byOwner.json()).toMatchObject({ status: 'NOT_DONE_AGENCY', outcomeNote: 'Kaimahi on leave' });
    const byOther = await browsers.health!.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE' });
    expect(byOther.status).toBe(403);
  });

  it('carries the deferred family and the family with an unfinished action into the next meeting', async () => {
    const m = await server.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const tomorrow = new Date(m.date.getTime() + 86_400_000).toISOString().slice(0, 10);
    expect(tomorrow > todayInNz()).toBe(true);
    const res = await browsers.chair!.request('POST', '/api/meetings', { siteId: m.siteId, date: tomorrow, kind: 'DAILY_SAM' });
    expect(res.status).toBe(201);
    const next = await res.json();
    const carried = await server.ctx.db.agendaItem.findMany({ where: { meetingId: next.id, reason: 'CARRIED_OVER' }, select: { caseId: true } });
    const caseOf = (id: string) => server.ctx.db.agendaItem.findUniqueOrThrow({ where: { id } }).then((i) => i.caseId);
    expect(carried.map((c) => c.caseId)).toEqual(expect.arrayContaining([await caseOf(itemA), await caseOf(itemB)]));
    expect(next.itemCount).toBe(carried.length);
  });

  it('leaves an audit trail of the day whose hash chain verifies', async () => {
    const count = (action: string) => server.ctx.db.auditEvent.count({ where: { action, meetingId } });
    expect(await count('meeting.start')).toBe(1);
    expect(await count('decision.finalize')).toBe(listItems(doc).length - 1 + 1); // all but the deferred, plus item A's version 2
    expect(await count('item.defer')).toBe(1);
    expect(await count('meeting.close')).toBe(1);
    expect((await server.ctx.audit.verify()).ok).toBe(true);
  });
});
