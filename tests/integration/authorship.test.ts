import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAction, getAction, getField, getItem, getResearch, itemSnapshot, listItems, listResearch, meetingDocName, prepDocName,
  proposerFor, setFields, setPrepEntry, setResearch, updateAction, type MeetingItem,
} from '../../shared/meeting-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// A hostile client is a stock y-websocket client whose code writes whatever it likes: these tests
// write through the shared accessors, or straight into the Yjs maps where an accessor would refuse.

describe('authorship the server enforces in the meeting document', () => {
  let server: TestServer;
  let meetingId: string;
  let chair: ControlClient;
  const b: Record<string, Browserish> = {};
  const docs: Record<string, CollabClient> = {};
  const cleanup: (() => void)[] = [];
  let items: string[];
  const db = () => server.ctx.db;

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'police', 'ot', 'corrections']) {
      b[who] = new Browserish(server.url);
      await b[who].login(`${who}@demo.test`);
      await b[who].acknowledge(meetingId);
      docs[who] = connectDoc(server.url, meetingDocName(meetingId), sessionToken(b[who]));
      cleanup.push(() => docs[who]!.destroy());
    }
    chair = connectControl(server.url, meetingId, sessionToken(b.chair!));
    cleanup.push(() => chair.close());
    expect(await handshakeOutcome(chair)).toBe('connected');
    expect(await chair.send('meeting:start', {})).toMatchObject({ ok: true });
    await Promise.all(Object.values(docs).map((d) => synced(d)));
    items = listItems(docs.chair!.doc).map((i) => i.id);
  });
  afterAll(async () => {
    for (const c of cleanup) c();
    await server?.stop();
  });

  const item = (who: string, id: string) => getItem(docs[who]!.doc, id) as MeetingItem;
  const participantOf = async (who: string) =>
    (await db().participant.findFirstOrThrow({ where: { meetingId, user: { email: `${who}@demo.test` } } })).id;
  /** The repairs audited against `who`'s edits whose path starts with `prefix`. */
  const repairs = async (who: string, prefix: string) => {
    const rows = await db().auditEvent.findMany({ where: { action: 'collab.repair', actorId: await participantOf(who), meetingId } });
    return rows.flatMap((r) => (r.details as { problems: { itemId: string; path: string; message: string }[] }).problems)
      .filter((p) => p.path.startsWith(prefix));
  };
  const everyone = (check: (who: string) => boolean) => Object.keys(docs).every(check);
  /** Makes an item finalizable as information only (no actions needed), or as a lead-agency response. */
  const decide = (id: string, lead?: string) => {
    const it = item('chair', id);
    setFields(it, {
      riskLevel: recordedBand(itemSnapshot(it)) ?? 'LOW',
      pathway: lead ? 'LEAD_AGENCY_RESPONSE' : 'INFORMATION_ONLY',
      ...(lead && { leadAgency: lead }),
    });
  };

  it("reverts research.OT written by a Police participant for everyone, audits it, and finalize records no OT disclosure", async () => {
    const id = items[0]!;
    setResearch(item('police', id), 'OT', { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'No care and protection concerns.' });
    await waitFor(async () => (await repairs('police', 'research.OT')).length === 1, 'the repair audited against Police');
    await waitFor(() => everyone((who) => getResearch(item(who, id), 'OT') === null), 'the forged entry gone everywhere');
    expect((await repairs('police', 'research.OT'))[0]).toMatchObject({ itemId: id, message: expect.stringMatching(/written only by OT/) });

    decide(id);
    expect(await chair.send('item:finalize', { itemId: id })).toMatchObject({ ok: true, version: 1 });
    expect(await db().disclosure.count({ where: { agendaItemId: id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: 'disclosure.share', meetingId } })).toBe(0);
  });

  it("puts OT's own text back when Police edits it, while OT's edits stand; finalize does not take it for a disclosure", async () => {
    const id = items[1]!;
    setResearch(item('ot', id), 'OT', { kind: 'OPINION', legalBasis: 'OTA_S66C', text: 'Whānau engaged with kaimahi since June.' });
    await waitFor(() => getResearch(item('police', id), 'OT')?.text.toString() === 'Whānau engaged with kaimahi since June.', 'OT’s entry at Police');
    const text = getResearch(item('police', id), 'OT')!.text;
    text.delete(0, text.length);
    text.insert(0, 'Closed, no involvement.');
    setResearch(item('police', id), 'OT', { kind: 'FACT', legalBasis: 'CONSENT' });
    await waitFor(async () => (await repairs('police', 'research.OT')).length >= 2, 'the repair audited');
    await waitFor(() => everyone((who) => getResearch(item(who, id), 'OT')?.text.toString() === 'Whānau engaged with kaimahi since June.'), 'OT’s text back everywhere');
    expect(getResearch(item('chair', id), 'OT')).toMatchObject({ kind: 'OPINION', legalBasis: 'OTA_S66C' });
    getResearch(item('ot', id), 'OT')!.text.insert(0, 'Update: ');
    await waitFor(() => everyone((who) => getResearch(item(who, id), 'OT')?.text.toString().startsWith('Update: ') ?? false), 'OT’s own edit everywhere');

    // What OT wrote into the meeting is not a disclosure until OT records it through the disclosure path.
    decide(id);
    expect(await chair.send('item:finalize', { itemId: id })).toMatchObject({ ok: true });
    expect(await db().disclosure.count({ where: { agendaItemId: id } })).toBe(0);
  });

  it('still records what OT shares through the disclosure path, once, and finalize adds nothing to it', async () => {
    const id = items[2]!;
    const prep = connectDoc(server.url, prepDocName(meetingId, 'OT'), sessionToken(b.ot!));
    cleanup.push(() => prep.destroy());
    await synced(prep);
    setPrepEntry(prep.doc, id, { kind: 'FACT', legalBasis: 'OTA_S66C', text: 'Open s66C request; tamariki in kin care.' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await b.ot!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId: id, decision: 'SHARE' })).status).toBe(201);
    await waitFor(() => everyone((who) => getResearch(item(who, id), 'OT')?.text.toString() === 'Open s66C request; tamariki in kin care.'), 'the shared entry everywhere');

    decide(id);
    expect(await chair.send('item:finalize', { itemId: id })).toMatchObject({ ok: true });
    const rows = await db().disclosure.findMany({ where: { agendaItemId: id }, include: { agency: true } });
    expect(rows.map((r) => [r.agency.code, r.status, r.kind, r.legalBasis, r.content])).toEqual([
      ['OT', 'SHARED', 'FACT', 'OTA_S66C', 'Open s66C request; tamariki in kin care.'],
    ]);
    expect(await db().auditEvent.count({ where: { action: 'disclosure.share', subjectId: rows[0]!.id } })).toBe(1);
    expect(listResearch(item('chair', id)).map((r) => r.agency)).toEqual(['OT']);
  });

  it("holds a Corrections action Police creates as DONE as Police's proposal, OPEN in the records and in Corrections' own list", async () => {
    const id = items[3]!;
    const forged = addAction(item('police', id), { type: 'PROBATION_CHECK', agency: 'CORRECTIONS', due: '2026-12-01', status: 'DONE', description: 'Checked with the probation officer.' });
    await waitFor(async () => (await repairs('police', `actions.${forged}.status`)).length === 1, 'the status repair audited');
    await waitFor(() => everyone((who) => {
      const a = getAction(item(who, id), forged);
      return a?.status === 'OPEN' && a.proposedBy === 'POLICE';
    }), 'a proposal, OPEN, everywhere');

    // Not Corrections' to set while it is a proposal; Corrections confirms, then may.
    updateAction(item('corrections', id), forged, { status: 'IN_PROGRESS' });
    await waitFor(async () => (await repairs('corrections', `actions.${forged}.status`)).length === 1, 'the early status put back');
    expect(getAction(item('chair', id), forged)?.status).toBe('OPEN');

    const confirmed = addAction(item('police', id), { type: 'HOME_VISIT', agency: 'CORRECTIONS', due: '2026-12-02', proposedBy: proposerFor({ agency: 'POLICE', role: 'REP' }, 'CORRECTIONS') });
    await waitFor(() => getAction(item('corrections', id), confirmed)?.proposedBy === 'POLICE', 'the clean proposal at Corrections');
    updateAction(item('corrections', id), confirmed, { proposedBy: null, status: 'IN_PROGRESS' });
    await waitFor(() => everyone((who) => getAction(item(who, id), confirmed)?.status === 'IN_PROGRESS'), 'Corrections’ status everywhere');
    expect(getAction(item('chair', id), confirmed)?.proposedBy).toBeNull();
    updateAction(item('police', id), confirmed, { status: 'DONE' });
    await waitFor(async () => (await repairs('police', `actions.${confirmed}.status`)).length === 1, 'Police’s status put back');
    await waitFor(() => everyone((who) => getAction(item(who, id), confirmed)?.status === 'IN_PROGRESS'), 'IN_PROGRESS again everywhere');
    // A clean client's proposal and Corrections' own edits are no repair.
    expect(await repairs('police', `actions.${confirmed}.proposedBy`)).toEqual([]);
    expect(await repairs('corrections', `actions.${confirmed}`)).toEqual([]);

    decide(id, 'CORRECTIONS');
    expect(await chair.send('item:finalize', { itemId: id })).toMatchObject({ ok: true });
    await waitFor(() => getAction(item('corrections', id), forged)?.proposedBy === null, 'the proposal confirmed by the finalize');
    const recorded = await db().action.findMany({ where: { docActionId: { in: [forged, confirmed] } }, include: { agency: true } });
    expect(Object.fromEntries(recorded.map((a) => [a.docActionId, [a.agency.code, a.status]]))).toEqual({
      [forged]: ['CORRECTIONS', 'OPEN'], [confirmed]: ['CORRECTIONS', 'IN_PROGRESS'],
    });
    const finalized = await db().auditEvent.findFirstOrThrow({ where: { action: 'decision.finalize', details: { path: ['itemId'], equals: id } } });
    expect((finalized.details as { confirmedProposals: unknown }).confirmedProposals).toEqual([{ actionId: forged, agency: 'CORRECTIONS', proposedBy: 'POLICE' }]);

    const csv = await b.corrections!.request('GET', `/api/meetings/${meetingId}/actions?format=csv&agency=CORRECTIONS`);
    expect(csv.status).toBe(200);
    const list = parse(Buffer.from(await csv.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    const row = list.find((r) => r['Description'] === 'Checked with the probation officer.');
    expect(row?.['Status']).toBe('Open');

    // Between meetings the action is Corrections' to work, and not Police's.
    const action = recorded.find((a) => a.docActionId === forged)!;
    expect((await b.police!.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE' })).status).toBe(403);
    const done = await b.corrections!.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE', outcomeNote: 'Probation check done' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'DONE' });
  });

  it('lets the chair set any action’s status', async () => {
    const id = items[4]!;
    const actionId = addAction(item('ot', id), { type: 'SAFETY_PLAN', agency: 'OT', due: '2026-12-03' });
    await waitFor(() => getAction(item('chair', id), actionId) !== null, 'OT’s action at the chair');
    updateAction(item('chair', id), actionId, { status: 'NOT_DONE_CIRCUMSTANCES' });
    await waitFor(() => everyone((who) => getAction(item(who, id), actionId)?.status === 'NOT_DONE_CIRCUMSTANCES'), 'the chair’s status everywhere');
    expect(await repairs('chair', `actions.${actionId}`)).toEqual([]);
  });

  it("repairs a client's status DECIDED, decidedHash and decidedVersion, on a pending item and a decided one", async () => {
    const pending = items[5]!;
    const it = item('chair', pending);
    it.ymap.doc!.transact(() => {
      it.ymap.set('status', 'DECIDED');
      it.ymap.set('decidedHash', 'f'.repeat(64));
      it.ymap.set('decidedVersion', 3);
    });
    await waitFor(async () => (await repairs('chair', 'decided')).length === 2, 'the repair audited');
    await waitFor(() => everyone((who) => getField(item(who, pending), 'status') === 'PENDING' && getField(item(who, pending), 'decidedHash') === null
      && getField(item(who, pending), 'decidedVersion') === null), 'PENDING again everywhere');
    expect((await repairs('chair', 'status')).map((p) => p.message)).toEqual([expect.stringMatching(/only by the server/)]);

    // items[0] was decided as version 1: a client can't undo that either.
    const decided = items[0]!;
    const hash = getField(item('chair', decided), 'decidedHash');
    item('ot', decided).ymap.set('status', 'PENDING');
    item('ot', decided).ymap.set('decidedVersion', 9);
    await waitFor(async () => (await repairs('ot', 'decidedVersion')).length === 1, 'the repair audited');
    await waitFor(() => everyone((who) => getField(item(who, decided), 'status') === 'DECIDED' && getField(item(who, decided), 'decidedVersion') === 1), 'DECIDED v1 again everywhere');
    expect(getField(item('ot', decided), 'decidedHash')).toBe(hash);
    expect((await db().agendaItem.findUniqueOrThrow({ where: { id: decided } })).status).toBe('DECIDED');
  });
});
