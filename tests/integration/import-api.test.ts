import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportResult } from '../../shared/api/intake.js';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import { ItemInit } from '../../shared/meeting-doc/index.js';
import { foldName } from '../../shared/names.js';
import { agendaItemInits } from '../../server/records/agenda-snapshot.js';
import { IMPORT_COLUMNS } from '../../server/intake/import-row.js';
import { importFixture } from '../fixtures/import/index.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let chair: Browserish;
let coordinator: Browserish;
let waikatoId: string;

beforeAll(async () => {
  server = await startTestServer();
  chair = new Browserish(server.url);
  coordinator = new Browserish(server.url);
  // Waikato's own staff: imports and searches stay within the importer's site.
  await chair.login('chair.waikato@demo.test');
  await coordinator.login('coordinator.waikato@demo.test');
  const sites = (await (await chair.request('GET', '/api/sites')).json()) as { id: string; code: string }[];
  waikatoId = sites.find((s) => s.code === 'WAIKATO')?.id ?? '';
});
afterAll(() => server?.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

let nextDay = 0;
/** A fresh Waikato meeting (an empty list), so each test sees only its own import. */
async function newMeeting(): Promise<string> {
  const date = DateTime.fromISO('2027-01-01').plus({ days: nextDay++ }).toISODate();
  const res = await chair.request('POST', '/api/meetings', { siteId: waikatoId, date, kind: 'DAILY_SAM' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

function upload(who: Browserish, meetingId: string, body: string, type = 'text/csv'): Promise<Response> {
  return fetch(`${server.url}/api/meetings/${meetingId}/episodes/import`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-requested-with': 'samroom', cookie: who.sessionCookie },
    body,
  });
}

async function imported(who: Browserish, meetingId: string, body: string, type?: string): Promise<ImportResult> {
  const res = await upload(who, meetingId, body, type);
  expect(res.status, await res.clone().text()).toBe(200);
  return ImportResult.parse(await res.json());
}

async function counts() {
  const db = server.ctx.db;
  return {
    persons: await db.person.count(), cases: await db.case.count(), caseMembers: await db.caseMember.count(),
    episodes: await db.episode.count(), riskAssessments: await db.riskAssessment.count(),
    agendaItems: await db.agendaItem.count(), agendaItemEpisodes: await db.agendaItemEpisode.count(),
  };
}

const items = (meetingId: string) => agendaItemInits(server.ctx.db, meetingId);
const episode = (policeRef: string) => server.ctx.db.episode.findUniqueOrThrow({
  where: { policeRef }, include: { personAtRisk: true, personUsingViolence: true, riskAssessments: true, case: true },
});

/** A CSV of rows given as §5 column → value; unspecified optional columns stay empty. */
function csv(rows: Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [IMPORT_COLUMNS.join(','), ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c] ?? '')).join(','))].join('\n');
}

function row(policeRef: string, occurredAt: DateTime, par: [string, string, string, string], puv: [string, string, string, string], extra: Record<string, string> = {}) {
  return {
    policeRef, occurredAt: occurredAt.toFormat("yyyy-MM-dd'T'HH:mm"), area: 'Hamilton Central', source: 'POLICE_FAMILY_HARM',
    summary: 'Synthetic episode for a test.',
    'personAtRisk.givenName': par[0], 'personAtRisk.familyName': par[1], 'personAtRisk.dob': par[2], 'personAtRisk.policePersonRef': par[3],
    'personUsingViolence.givenName': puv[0], 'personUsingViolence.familyName': puv[1], 'personUsingViolence.dob': puv[2], 'personUsingViolence.policePersonRef': puv[3],
    safvr: '0.3', ...extra,
  };
}

describe('episode import', () => {
  it('imports a good file: people, whānau cases, episodes, risk inputs and one item per family, ordered by concern', async () => {
    const meetingId = await newMeeting();
    const before = await counts();
    // New cases are numbered on from the site's last reference.
    const seeded = await server.ctx.db.case.count({ where: { siteId: waikatoId } });
    const applied = vi.spyOn(server.ctx.docs, 'applyAgendaItems');
    const result = await imported(coordinator, meetingId, importFixture('good.csv'));
    expect(result).toEqual({ imported: 4, skippedDuplicates: 0, errors: [], items: { created: 3, updated: 0 } });

    const after = await counts();
    expect(after.persons - before.persons).toBe(6);
    expect(after.cases - before.cases).toBe(3);
    expect(after.caseMembers - before.caseMembers).toBe(6);
    expect(after.riskAssessments - before.riskAssessments).toBe(7);

    const list = await items(meetingId);
    for (const init of list) ItemInit.parse(init);
    // Strangulation, a breach and two episodes first; then the prison release; the verbal argument last.
    expect(list.map((i) => i.episodes.map((e) => e.policeRef))).toEqual([['GD-0001', 'GD-0002'], ['GD-0004'], ['GD-0003']]);
    expect(list.map((i) => i.reason)).toEqual(['NEW_EPISODE', 'NEW_EPISODE', 'NEW_EPISODE']);
    expect(list[0]?.flags).toEqual(expect.arrayContaining(['STRANGULATION', 'PO_BREACHED', 'CHILDREN_PRESENT']));
    expect(list[1]?.flags).toEqual(['PRISON_RELEASE']);
    expect(list.map((i) => i.familyRef).sort()).toEqual([1, 2, 3].map((n) => `HLZ-W-${String(seeded + n).padStart(4, '0')}`));
    expect(list[0]?.episodes[0]?.personAtRisk).toEqual({ name: 'Mere Kōhatu-Ngata', dob: '1991-05-02' });
    expect(list[0]?.episodes[0]?.personUsingViolence.name).toBe("Rāwiri O'Connell");
    expect(applied).toHaveBeenCalledWith(meetingId, expect.arrayContaining(list.map((i) => i.id)));

    const first = await episode('GD-0001');
    const second = await episode('GD-0002');
    expect(second.caseId).toBe(first.caseId);
    expect(second.occurredAt.toISOString()).toBe('2025-03-14T14:40:00.000Z');
    expect(first.case).toMatchObject({ status: 'OPEN', currentRisk: null, flags: [] });
    const safvr = first.riskAssessments.find((r) => r.tool === 'SAFVR');
    const dyra = first.riskAssessments.find((r) => r.tool === 'DYRA');
    expect(safvr).toMatchObject({ rawScore: 0.42, band: 'MEDIUM', level: 'MEDIUM', personId: first.personUsingViolenceId });
    expect(dyra).toMatchObject({ rawScore: null, band: 'MEDIUM', personId: first.personAtRiskId });
    expect((await episode('GD-0004')).riskAssessments.map((r) => [r.tool, r.band])).toEqual([['SAFVR', 'HIGH']]);
    const members = await server.ctx.db.caseMember.findMany({ where: { caseId: first.caseId } });
    expect(members.map((m) => m.role).sort()).toEqual(['PERSON_AT_RISK', 'PERSON_USING_VIOLENCE']);

    const audit = await server.ctx.db.auditEvent.findFirst({ where: { action: 'intake.import', meetingId }, orderBy: { seq: 'desc' } });
    expect(audit?.details).toMatchObject({ format: 'csv', imported: 4, skippedDuplicates: 0, itemsCreated: 3, personsCreated: 6, casesCreated: 3 });
  });

  it('changes nothing when the same file is imported again, into any meeting', async () => {
    const meetingId = await newMeeting();
    await imported(chair, meetingId, importFixture('quoted.csv'));
    const before = await counts();
    const listBefore = await items(meetingId);
    const applied = vi.spyOn(server.ctx.docs, 'applyAgendaItems');
    const again = await imported(chair, meetingId, importFixture('quoted.csv'));
    expect(again).toEqual({ imported: 0, skippedDuplicates: 3, errors: expect.any(Array), items: { created: 0, updated: 0 } });
    expect(again.errors).toHaveLength(2);
    expect(await counts()).toEqual(before);
    expect(await items(meetingId)).toEqual(listBefore);
    expect(applied).not.toHaveBeenCalled();
    // The police reference is the key wherever the episode was first imported.
    expect(await imported(chair, await newMeeting(), importFixture('quoted.csv'))).toMatchObject({ imported: 0, skippedDuplicates: 3 });
    expect(await counts()).toEqual(before);
  });

  it('reads a file with a BOM and CRLF line ends', async () => {
    const text = importFixture('bom-crlf.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(await imported(chair, await newMeeting(), text)).toMatchObject({ imported: 2, errors: [], items: { created: 2 } });
    const e = await episode('BC-0002');
    expect(e).toMatchObject({ summary: 'A second row, also CRLF.', weapons: true });
    expect(e.personAtRisk?.familyName).toBe("Ō'Neill-Tapu");
  });

  it('keeps the good rows of a mixed file and reports each bad row by line and field', async () => {
    const meetingId = await newMeeting();
    const result = await imported(coordinator, meetingId, importFixture('mixed.csv'));
    expect(result.imported).toBe(3);
    expect(result.items.created).toBe(3);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'occurredAt'], [5, 'safvr'], [5, 'dyra'], [6, 'source'], [6, 'personAtRisk.familyName'],
      [8, 'personAtRisk.dob'], [9, 'children'], [9, 'strangulation'],
    ]);
    expect(result.errors.find((e) => e.line === 6 && e.field === 'personAtRisk.familyName')?.message).toBe('required');
    expect((await items(meetingId)).flatMap((i) => i.episodes.map((e) => e.policeRef)).sort()).toEqual(['MX-0001', 'MX-0003', 'MX-0006']);
  });

  it('keeps quoted commas, quotes and line breaks in summaries', async () => {
    const meetingId = await newMeeting();
    const result = await imported(chair, meetingId, importFixture('quoted.csv').replace(/QT-000/g, 'QU-000').replace(/PPRX-400/g, 'PPRX-410'));
    expect(result).toMatchObject({ imported: 3, items: { created: 3, updated: 0 } });
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[6, 'source'], [9, 'safvr']]);
    expect((await episode('QU-0001')).summary).toBe('Caller said: "he took the keys, the phone, and the car". Police attended.');
    expect((await episode('QU-0002')).summary).toBe('First line, with a comma\nSecond line: "quoted"\nThird line, last');
  });

  it('keeps macrons for display and matches the same people spelled without them', async () => {
    const meetingId = await newMeeting();
    await imported(chair, meetingId, importFixture('macrons.csv'));
    const before = await counts();
    const result = await imported(chair, meetingId, importFixture('macrons-folded.csv'));
    expect(result).toMatchObject({ imported: 1, items: { created: 0, updated: 1 } });
    const after = await counts();
    expect(after.persons).toBe(before.persons);
    expect(after.cases).toBe(before.cases);

    const [first, second] = await Promise.all([episode('MC-0001'), episode('MC-0002')]);
    expect(second.personAtRiskId).toBe(first.personAtRiskId);
    expect(second.personUsingViolenceId).toBe(first.personUsingViolenceId);
    expect(second.caseId).toBe(first.caseId);
    // As first recorded, composed (the fixture types Ngātai with a combining macron).
    expect(second.personAtRisk).toMatchObject({ givenName: 'Kōwhai', familyName: 'Tāwhiri', nameKey: 'kowhai tawhiri' });
    expect(second.personUsingViolence?.familyName).toBe('Ngātai');
    const list = await items(meetingId);
    expect(list).toHaveLength(1);
    expect(list[0]?.episodes.map((e) => e.policeRef)).toEqual(['MC-0001', 'MC-0002']);
  });

  it('links a person known only by name within their family, never across families', async () => {
    const meetingId = await newMeeting();
    const at = DateTime.now().setZone(NZ_TIME_ZONE).minus({ days: 3 }).startOf('minute');
    const par: [string, string, string, string] = ['Anahera', 'Kōrako', '1993-09-09', 'NMO-1'];
    const nameOnly: [string, string, string, string] = ['Jimmy', 'Tāne', '', ''];
    await imported(chair, meetingId, csv([row('NMO-0001', at, par, nameOnly)]));
    const before = await counts();
    // Later, and in the same file twice: the same Jimmy Tāne of Anahera's whānau.
    const again = await imported(chair, meetingId, csv([
      row('NMO-0002', at.plus({ hours: 1 }), par, ['JIMMY', 'Tane', '', '']),
      row('NMO-0003', at.plus({ hours: 2 }), par, nameOnly),
    ]));
    expect(again).toMatchObject({ imported: 2, items: { created: 0, updated: 1 } });
    expect((await counts()).persons).toBe(before.persons);
    const jimmy = (await episode('NMO-0001')).personUsingViolenceId;
    expect((await episode('NMO-0002')).personUsingViolenceId).toBe(jimmy);
    expect((await episode('NMO-0003')).personUsingViolenceId).toBe(jimmy);

    // Another whānau's Jimmy Tāne, also without DOB or police ref, is someone else.
    await imported(chair, meetingId, csv([row('NMO-0004', at, ['Mereana', 'Paki', '1991-01-19', 'NMO-2'], nameOnly)]));
    expect((await episode('NMO-0004')).personUsingViolenceId).not.toBe(jimmy);
  });

  it('imports the first of two rows with one police reference and reports the second', async () => {
    const meetingId = await newMeeting();
    const result = await imported(chair, meetingId, importFixture('duplicates.csv'));
    expect(result).toEqual({
      imported: 2, skippedDuplicates: 0, items: { created: 2, updated: 0 },
      errors: [{ line: 4, field: 'policeRef', message: 'repeats DP-0001 from line 2; only line 2 is imported' }],
    });
    expect((await episode('DP-0001')).summary).toBe('First report.');
    const again = await imported(chair, meetingId, importFixture('duplicates.csv'));
    expect(again).toMatchObject({ imported: 0, skippedDuplicates: 2, errors: result.errors });
  });

  it('imports the JSON form, numbering bad elements from 1', async () => {
    const meetingId = await newMeeting();
    const result = await imported(coordinator, meetingId, importFixture('good.json'), 'application/json');
    expect(result).toEqual({ imported: 3, skippedDuplicates: 0, errors: [], items: { created: 2, updated: 0 } });
    const e = await episode('JS-0002');
    expect(e.occurredAt.toISOString()).toBe('2025-08-01T11:30:00.000Z');
    expect(e.riskAssessments).toEqual([]);
    expect(e.personUsingViolenceId).toBe((await episode('JS-0001')).personUsingViolenceId);

    const [good] = JSON.parse(importFixture('good.json')) as Record<string, unknown>[];
    const bad = await imported(coordinator, meetingId, JSON.stringify([{ ...good, policeRef: 'JS-0100' }, { ...good, policeRef: 'JS-0101', children: 'two' }]), 'application/json');
    expect(bad).toMatchObject({ imported: 1, errors: [{ line: 2, field: 'children', message: 'must be a whole number' }], items: { created: 0, updated: 1 } });
  });

  it('raises REPEAT for an episode or decision in the 12 months before, not 13', async () => {
    const earlier = await newMeeting();
    const today = await newMeeting();
    const now = DateTime.now().setZone(NZ_TIME_ZONE).minus({ hours: 2 }).startOf('minute');
    const recent = { par: ['Hinemoa', 'Rēweti', '1990-02-02', 'RPT-A1'], puv: ['Kahu', 'Tāwera', '1988-02-02', 'RPT-A2'] } as const;
    const old = { par: ['Ngaire', 'Pōtae', '1991-03-03', 'RPT-B1'], puv: ['Mika', 'Hūria', '1989-03-03', 'RPT-B2'] } as const;
    const decided = { par: ['Ripeka', 'Wāka', '1992-04-04', 'RPT-C1'], puv: ['Tipene', 'Ōwhata', '1987-04-04', 'RPT-C2'] } as const;
    await imported(chair, earlier, csv([
      row('RPT-0001', now.minus({ months: 11 }), [...recent.par], [...recent.puv]),
      row('RPT-0002', now.minus({ months: 13 }), [...old.par], [...old.puv]),
      row('RPT-0003', now.minus({ months: 14 }), [...decided.par], [...decided.puv]),
    ]));
    // The third whānau's only history inside the window is a decision two months ago.
    const item = await server.ctx.db.agendaItem.findFirstOrThrow({ where: { meetingId: earlier, episodes: { some: { episode: { policeRef: 'RPT-0003' } } } } });
    await server.ctx.db.decision.create({
      data: {
        agendaItemId: item.id, caseId: item.caseId, version: 1, riskLevel: 'MEDIUM', pathway: 'LEAD_AGENCY_RESPONSE',
        contentHash: '0'.repeat(64), decidedAt: now.minus({ months: 2 }).toJSDate(),
      },
    });

    await imported(chair, today, csv([
      row('RPT-0011', now, [...recent.par], [...recent.puv]),
      row('RPT-0012', now, [...old.par], [...old.puv]),
      row('RPT-0013', now, [...decided.par], [...decided.puv]),
    ]));
    const reasons = Object.fromEntries((await items(today)).map((i) => [i.episodes[0]?.policeRef, [i.reason, (i.flags ?? []).includes('REPEAT')]]));
    expect(reasons).toEqual({ 'RPT-0011': ['REPEAT', true], 'RPT-0012': ['NEW_EPISODE', false], 'RPT-0013': ['REPEAT', true] });
    expect((await episode('RPT-0011')).case.flags).toEqual(['REPEAT']);
    expect((await episode('RPT-0012')).case.flags).toEqual([]);
  });

  it('is all or nothing: a failure inside the transaction leaves no rows behind', async () => {
    const meetingId = await newMeeting();
    const before = await counts();
    vi.spyOn(server.ctx.audit, 'record').mockRejectedValueOnce(new Error('simulated failure'));
    const res = await upload(chair, meetingId, importFixture('good.csv').replace(/GD-000/g, 'GE-000').replace(/PPRX-100/g, 'PPRX-110'));
    expect(res.status).toBe(500);
    expect(await counts()).toEqual(before);
  });

  it('imports 1,000 rows in one go', async () => {
    const meetingId = await newMeeting();
    const before = await counts();
    const given = ['Aroha', 'Mere', 'Hēmi', 'Rāwiri', 'Tūī', 'Kiri', 'Manaia', 'Ngaio', 'Wiremu', 'Anahera', 'Tama', 'Moana', 'Ruby', 'Liam', 'Ōtene', 'Pita', 'Hana', 'Kauri', 'Ātea', 'Jack'];
    const family = Array.from({ length: 40 }, (_, i) => `${['Te Rangi', 'Ngāta', "O'Brien", 'Walker-Hōne', 'Pōmare'][i % 5]} ${String.fromCharCode(65 + Math.floor(i / 5))}`);
    const at = DateTime.now().setZone(NZ_TIME_ZONE).minus({ days: 1 }).startOf('minute');
    const families = 700;
    const rows = Array.from({ length: 1000 }, (_, n) => {
      const f = n % families;
      const dob = (base: number) => DateTime.fromISO('1970-01-01').plus({ days: base + f * 7 }).toISODate() ?? '';
      // Even families carry police person refs; odd ones are matched on name and date of birth.
      const ref = (who: string) => (f % 2 === 0 ? `BULK-${who}-${f}` : '');
      return row(`BULK-${String(n).padStart(4, '0')}`, at.minus({ minutes: n }),
        [given[f % 20] ?? '', family[Math.floor(f / 20) % 40] ?? '', dob(5000), ref('PAR')],
        [given[(f + 7) % 20] ?? '', `${family[Math.floor(f / 20) % 40] ?? ''}-Puv`, dob(4000), ref('PUV')],
        { safvr: ((f % 90) / 100).toFixed(2), dyra: ['LOW', 'MEDIUM', 'HIGH'][f % 3] ?? '', summary: `Episode ${n}, whānau ${f}, with "quotes" and a comma.` });
    });
    const result = await imported(coordinator, meetingId, csv(rows));
    expect(result).toEqual({ imported: 1000, skippedDuplicates: 0, errors: [], items: { created: families, updated: 0 } });
    const after = await counts();
    expect(after.persons - before.persons).toBe(2 * families);
    expect(after.cases - before.cases).toBe(families);
    expect(after.riskAssessments - before.riskAssessments).toBe(2000);
    const list = await items(meetingId);
    expect(list).toHaveLength(families);
    expect(list.filter((i) => i.episodes.length === 2)).toHaveLength(1000 - families);
    expect(new Set(list.map((i) => i.rank)).size).toBe(families);

    expect(await imported(coordinator, meetingId, csv(rows))).toMatchObject({ imported: 0, skippedDuplicates: 1000 });
    expect(await counts()).toEqual(after);
  });

  it('is for chairs and coordinators, into an existing open meeting, with a readable file', async () => {
    const meetingId = await newMeeting();
    const body = importFixture('good.csv');
    for (const email of ['health@demo.test', 'observer@demo.test', 'auditor@demo.test']) {
      const other = new Browserish(server.url);
      await other.login(email);
      expect((await upload(other, meetingId, body)).status, email).toBe(403);
    }
    expect((await upload(new Browserish(server.url), meetingId, body)).status).toBe(401);
    expect((await upload(chair, '00000000-0000-4000-8000-000000000000', body)).status).toBe(404);

    const wrongType = await upload(chair, meetingId, body, 'text/plain');
    expect(wrongType.status).toBe(400);
    const badHeader = await upload(chair, meetingId, 'policeRef,when\nX-1,today\n');
    expect(badHeader.status).toBe(400);
    expect(((await badHeader.json()) as { error: { code: string } }).error.code).toBe('INVALID_IMPORT_FILE');

    await server.ctx.db.meeting.update({ where: { id: meetingId }, data: { status: 'CLOSED' } });
    const closed = await upload(chair, meetingId, body);
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { error: { code: string } }).error.code).toBe('MEETING_CLOSED');
  });
});

describe('person search', () => {
  type Hit = { id: string; givenName: string; familyName: string; nameWithheld: boolean; dob: string | null; cases: { reference: string }[] };
  let rep: Browserish;
  beforeAll(async () => {
    rep = new Browserish(server.url);
    await rep.login('health.waikato@demo.test');
    // The same people as the macron test's: matched, so search finds one of each.
    await imported(chair, await newMeeting(), importFixture('macrons.csv').replace('MC-0001', 'SR-0001'));
  });

  const search = async (who: Browserish, query: string) => {
    const res = await who.request('GET', `/api/people/search?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Hit[];
  };

  it('folds macrons and case, in any word order', async () => {
    // The seeded Waikato list has a Kōwhai of its own, so one word alone is the family name.
    for (const q of ['kowhai tawhiri', 'Kōwhai Tāwhiri', 'TAWHIRI KOWHAI', 'tawhiri']) {
      const hits = await search(rep, `q=${encodeURIComponent(q)}`);
      expect(hits.map((h) => `${h.givenName} ${h.familyName}`), q).toEqual(['Kōwhai Tāwhiri']);
      expect(hits[0]?.cases).toHaveLength(1);
    }
    expect(await search(rep, 'q=zzzz-nobody')).toEqual([]);
    // Part of a word: names with a word starting so come before names that only contain it.
    const partial = (await search(rep, `q=${encodeURIComponent('tāwh')}`)).map((h) => `${h.givenName} ${h.familyName}`);
    expect(partial).toContain('Kōwhai Tāwhiri');
    const wordStarts = partial.map((name) => foldName(name).split(' ').some((w) => w.startsWith('tawh')));
    expect(wordStarts).toEqual([...wordStarts].sort((a, b) => Number(b) - Number(a)));
  });

  it('finds by date of birth and by an episode police reference', async () => {
    expect((await search(rep, 'dob=1984-04-04')).map((h) => h.familyName)).toContain('Tāwhiri');
    expect((await search(rep, 'policeRef=SR-0001')).map((h) => h.givenName).sort()).toEqual(['Hōhepa', 'Kōwhai']);
  });

  it('withholds hidden names except from chairs and coordinators, and audits every search', async () => {
    const person = await server.ctx.db.person.findFirstOrThrow({ where: { nameKey: 'kowhai tawhiri' } });
    await server.ctx.db.person.update({ where: { id: person.id }, data: { hiddenName: true } });
    expect(await search(rep, 'q=tawhiri')).toEqual([]);
    const byDob = (await search(rep, 'dob=1984-04-04')).find((h) => h.id === person.id);
    expect(byDob).toMatchObject({ givenName: 'Name withheld', familyName: '', nameWithheld: true, dob: null });
    expect((await search(chair, 'q=tawhiri'))[0]).toMatchObject({ givenName: 'Kōwhai', nameWithheld: false, dob: '1984-04-04' });
    await server.ctx.db.person.update({ where: { id: person.id }, data: { hiddenName: false } });

    const audit = await server.ctx.db.auditEvent.findFirst({ where: { action: 'records.search' }, orderBy: { seq: 'desc' } });
    expect(audit?.details).toMatchObject({ q: 'tawhiri', results: 1 });
  });

  it('is for staff other than observers, and needs something to search by', async () => {
    const observer = new Browserish(server.url);
    await observer.login('observer.waikato@demo.test');
    expect((await observer.request('GET', '/api/people/search?q=kowhai')).status).toBe(403);
    expect((await fetch(`${server.url}/api/people/search?q=kowhai`)).status).toBe(401);
    expect((await rep.request('GET', '/api/people/search')).status).toBe(400);
  });

  it('is in the published contract, with the import', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/people/search']).toHaveProperty('get');
    expect(doc.paths['/api/meetings/{id}/episodes/import']).toHaveProperty('post');
  });
});
