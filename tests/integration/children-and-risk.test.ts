import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResult } from '../../shared/api/intake.js';
import {
  addAction, getItem, itemSnapshot, listItems, meetingDocName, rationaleText, setFields, type MeetingItem,
} from '../../shared/meeting-doc/index.js';
import { IMPORT_COLUMNS } from '../../server/intake/import-row.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Children named at import become the whānau's CHILD members and show in its item; a Report of
// Concern pathway needs the report recorded; a level below the family's last decided one needs
// a rationale.

const CHILD_COLUMNS = ['children.1.givenName', 'children.1.familyName', 'children.1.dob', 'children.2.givenName', 'children.2.familyName', 'children.2.dob'];

let server: TestServer;
let chair: Browserish;
let waikatoId: string;

beforeAll(async () => {
  server = await startTestServer();
  chair = new Browserish(server.url);
  await chair.login('chair.waikato@demo.test');
  const sites = (await (await chair.request('GET', '/api/sites')).json()) as { id: string; code: string }[];
  waikatoId = sites.find((s) => s.code === 'WAIKATO')?.id ?? '';
});
afterAll(() => server?.stop());

async function newMeeting(date: string): Promise<string> {
  const res = await chair.request('POST', '/api/meetings', { siteId: waikatoId, date, kind: 'DAILY_SAM' });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function upload(meetingId: string, body: string, type: string): Promise<ImportResult> {
  const res = await fetch(`${server.url}/api/meetings/${meetingId}/episodes/import`, {
    method: 'POST', headers: { 'content-type': type, 'x-requested-with': 'samroom', cookie: chair.sessionCookie }, body,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ImportResult.parse(await res.json());
}

const at = (hoursAgo: number) => DateTime.now().minus({ hours: hoursAgo }).toFormat("yyyy-MM-dd'T'HH:mm");
const episodeRow = (policeRef: string, hoursAgo: number, extra: Record<string, string> = {}): Record<string, string> => ({
  policeRef, occurredAt: at(hoursAgo), area: 'Hamilton Central', source: 'POLICE_FAMILY_HARM', summary: 'Synthetic episode for a test.',
  'personAtRisk.givenName': 'Wairimu', 'personAtRisk.familyName': 'Te Kōhanga-Ashby', 'personAtRisk.dob': '1993-07-14', 'personAtRisk.policePersonRef': 'PPRX-CH-01',
  'personUsingViolence.givenName': 'Darrell', 'personUsingViolence.familyName': "O'Sullivan-Pōtae", 'personUsingViolence.dob': '1989-02-03', 'personUsingViolence.policePersonRef': 'PPRX-CH-02',
  children: '', safvr: '0.82', ...extra,
});
function csv(rows: Record<string, string>[]): string {
  const columns = [...IMPORT_COLUMNS, ...CHILD_COLUMNS];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n');
}

describe('children at import, the Report of Concern and the last decided level', () => {
  let meetingId: string;
  let caseId: string;
  let control: ControlClient | undefined;
  let doc: CollabClient | undefined;
  afterAll(() => {
    control?.close();
    doc?.destroy();
  });

  it('imports named children from CSV as CHILD members, and names bad child cells by line and column', async () => {
    meetingId = await newMeeting('2027-03-01');
    const result = await upload(meetingId, csv([
      episodeRow('CH-0001', 5, {
        'children.1.givenName': 'Āio', 'children.1.familyName': 'Te Kōhanga-Ashby', 'children.1.dob': '2018-05-20',
        'children.2.givenName': "Ma'ata", 'children.2.familyName': "O'Sullivan-Pōtae",
      }),
      episodeRow('CH-0002', 4, { 'children.1.givenName': 'Kiri', 'children.1.dob': '2020-13-01' }),
    ]), 'text/csv');
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([
      { line: 3, field: 'children.1.familyName', message: 'required' },
      { line: 3, field: 'children.1.dob', message: expect.any(String) },
    ]);
    const episode = await server.ctx.db.episode.findUniqueOrThrow({
      where: { policeRef: 'CH-0001' }, include: { children: { include: { person: true }, orderBy: { position: 'asc' } } },
    });
    caseId = episode.caseId;
    expect(episode.childrenPresent).toBe(2);
    expect(episode.children.map((c) => [c.person.givenName, c.person.dob?.toISOString().slice(0, 10) ?? null])).toEqual([['Āio', '2018-05-20'], ["Ma'ata", null]]);
    const members = await server.ctx.db.caseMember.findMany({ where: { caseId, role: 'CHILD' }, include: { person: true } });
    expect(members.map((m) => m.person.givenName).sort()).toEqual(['Ma\'ata', 'Āio']);
  });

  it('takes children from a JSON array, matching a child the family already has', async () => {
    const row = {
      ...Object.fromEntries(Object.entries(episodeRow('CH-0003', 3)).filter(([k]) => !k.includes('.') && k !== 'children' && k !== 'safvr')),
      personAtRisk: { givenName: 'Wairimu', familyName: 'Te Kōhanga-Ashby', dob: '1993-07-14', policePersonRef: 'PPRX-CH-01' },
      personUsingViolence: { givenName: 'Darrell', familyName: "O'Sullivan-Pōtae", dob: '1989-02-03', policePersonRef: 'PPRX-CH-02' },
      safvr: 0.82,
      // Ma'ata's date of birth, unknown before, completes her record; Hōhepa is new.
      children: [{ givenName: "Ma'ata", familyName: "O'Sullivan-Pōtae", dob: '2021-09-09' }, { givenName: 'Hōhepa', familyName: 'Te Kōhanga-Ashby' }],
    };
    const result = await upload(meetingId, JSON.stringify([row, { ...row, policeRef: 'CH-0004', children: [{ givenName: '' }] }]), 'application/json');
    expect(result.imported).toBe(1);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[2, 'children.1.givenName'], [2, 'children.1.familyName']]);
    const members = await server.ctx.db.caseMember.findMany({ where: { caseId, role: 'CHILD' }, include: { person: true } });
    expect(members.map((m) => [m.person.givenName, m.person.dob?.toISOString().slice(0, 10) ?? null]).sort()).toEqual([
      ['Hōhepa', null], ["Ma'ata", '2021-09-09'], ['Āio', '2018-05-20'],
    ]);
  });

  /** The chair starts the meeting and opens its document (letting go of the last one). */
  async function startAndOpen(id: string): Promise<{ control: ControlClient; doc: CollabClient }> {
    control?.close();
    doc?.destroy();
    await chair.acknowledge(id);
    const opened = { control: connectControl(server.url, id, sessionToken(chair)), doc: connectDoc(server.url, meetingDocName(id), sessionToken(chair)) };
    ({ control, doc } = opened);
    expect(await handshakeOutcome(opened.control)).toBe('connected');
    expect(await opened.control.send('meeting:start', {})).toMatchObject({ ok: true });
    await synced(opened.doc);
    return opened;
  }

  function item(): MeetingItem {
    const found = listItems(doc!.doc).find((i) => itemSnapshot(i).caseId === caseId);
    if (!found) throw new Error('no item for the family');
    return found;
  }

  it('shows the children in the item, and needs the Report of Concern recorded for its pathway', async () => {
    const opened = await startAndOpen(meetingId);

    const snapshot = itemSnapshot(item());
    expect(snapshot.episodes.map((e) => e.children.map((c) => c.name))).toEqual([
      ['Āio Te Kōhanga-Ashby', "Ma'ata O'Sullivan-Pōtae"], ["Ma'ata O'Sullivan-Pōtae", 'Hōhepa Te Kōhanga-Ashby'],
    ]);

    const it = item();
    setFields(it, { riskLevel: 'HIGH', pathway: 'OT_REPORT_OF_CONCERN', leadAgency: 'OT' });
    addAction(it, { agency: 'OT', type: 'SAFETY_PLAN', due: '2027-03-08' });
    const refused = await opened.control.send('item:finalize', { itemId: it.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULES_FAILED' } });
    expect(!refused.ok && refused.error.fields?.map((f) => f.field)).toEqual(['reportOfConcern.by', 'reportOfConcern.on', 'reportOfConcern.reference']);

    setFields(it, { reportOfConcern: { by: 'Anahera Whaanga-Lee', on: '2027-03-01', reference: 'ROC-TEST-0001' } });
    const ack = await opened.control.send('item:finalize', { itemId: it.id });
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    const decision = await server.ctx.db.decision.findFirstOrThrow({ where: { caseId, supersededAt: null } });
    expect(decision).toMatchObject({ pathway: 'OT_REPORT_OF_CONCERN', reportOfConcernBy: 'Anahera Whaanga-Lee', reportOfConcernRef: 'ROC-TEST-0001' });
    expect(decision.reportOfConcernOn?.toISOString().slice(0, 10)).toBe('2027-03-01');
  });

  it('refuses a lower level than the family’s last decision without a rationale', async () => {
    meetingId = await newMeeting('2027-03-02');
    // A lower tool band this time: the band alone would allow MEDIUM.
    await upload(meetingId, csv([episodeRow('CH-0005', 2, { safvr: '0.4' })]), 'text/csv');
    const opened = await startAndOpen(meetingId);
    await waitFor(() => listItems(doc!.doc).some((i) => itemSnapshot(i).caseId === caseId), 'the family’s item');

    const it = item();
    expect(itemSnapshot(it).lastDecidedRisk).toBe('HIGH');
    setFields(it, { riskLevel: 'MEDIUM', pathway: 'INFORMATION_ONLY' });
    const refused = await opened.control.send('item:finalize', { itemId: it.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULES_FAILED', fields: [{ field: 'rationale', message: expect.stringContaining('last decided level was HIGH') }] } });

    rationaleText(it).insert(0, 'Person using violence remanded in custody; victim specialist engaged.');
    expect(await opened.control.send('item:finalize', { itemId: it.id })).toMatchObject({ ok: true });
    // A client cannot clear the level it is held to: the server puts the record's back.
    getItem(opened.doc.doc, it.id)!.ymap.set('lastDecidedRisk', null);
    await waitFor(() => itemSnapshot(item()).lastDecidedRisk === 'HIGH', 'the last decided level put back');
  });
});
