import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NationalReport, SiteReport, type ReportFigures } from '../../shared/api/reports.js';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import type { ActionStatus, AgendaItemStatus, AgendaReason } from '../../shared/domain.js';
import { foldName } from '../../shared/names.js';
import { todayInNz } from '../../shared/nz-time.js';
import { hashPassword } from '../../server/auth/password.js';
import { Browserish, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

// A site of its own, built by hand, whose every figure for March 2025 is worked out below from the
// rows themselves. Times are Pacific/Auckland wall-clock times (March 2025 is daylight time, +13).

const nz = (local: string) => DateTime.fromISO(local, { zone: NZ_TIME_ZONE }).toJSDate();
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const MARCH = 'from=2025-03-01&to=2025-03-31';

describe('site and national reports', () => {
  let server: TestServer;
  let siteId: string;
  let trainingSiteId: string;
  const as: Record<string, Browserish> = {};

  const get = async (who: string, path: string) => as[who]!.request('GET', path);
  const siteReport = async (query: string, who = 'coordinator') => {
    const res = await get(who, `/api/reports/site?siteId=${siteId}&${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return SiteReport.parse(await res.json());
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.ctx.db;
    const site = await db.site.create({ data: { code: 'TAIRAWHITI', name: 'Tairāwhiti' } });
    siteId = site.id;
    const training = await db.site.create({ data: { code: 'TRAINING', name: 'Training', training: true } });
    trainingSiteId = training.id;
    const agency = async (code: string) => (await db.agency.findUniqueOrThrow({ where: { code } })).id;
    const [police, health, ot] = [await agency('POLICE'), await agency('HEALTH'), await agency('OT')];

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [key, role] of [['coordinator', 'COORDINATOR'], ['chair', 'CHAIR'], ['auditor', 'AUDITOR'], ['rep', 'REP']] as const) {
      await db.user.create({ data: { email: `${key}.tairawhiti@demo.test`, displayName: `Tairāwhiti ${key}`, role, passwordHash, agencyId: police, siteId } });
      as[key] = new Browserish(server.url);
      expect((await as[key]!.login(`${key}.tairawhiti@demo.test`)).status).toBe(200);
    }
    for (const [key, email] of [['canterbury', 'coordinator@demo.test'], ['national', 'national.auditor@demo.test']] as const) {
      as[key] = new Browserish(server.url);
      expect((await as[key]!.login(email)).status).toBe(200);
    }

    const person = (givenName: string, familyName: string, ethnicity: string | null, dob: string | null = null) =>
      db.person.create({ data: { siteId, givenName, familyName, nameKey: foldName(givenName, familyName), ethnicity, dob: dob ? day(dob) : null } });
    const aroha = await person('Aroha', 'Te Whare-Ngāta', 'Māori', '1990-04-04');
    const mere = await person('Mere', 'Pōhatu', 'Māori');
    const sione = await person('Sione', "Fa'alogo", 'Pacific Peoples');
    const grace = await person('Grace', "O'Donnell-Whitcombe", 'European');
    const rangi = await person('Rangi', 'Kīngi', null);
    const other = await person('Tane', 'Hōhepa', 'Māori');

    const families: Record<string, string> = {};
    for (const f of ['A', 'B', 'C', 'D', 'E', 'F']) {
      families[f] = (await db.case.create({ data: { reference: `TRW-W-000${f}`, siteId } })).id;
    }
    let n = 0;
    const episode = (family: string, at: string, personAtRiskId: string, where = siteId) =>
      db.episode.create({
        data: {
          policeRef: `P-RPT-${String(++n).padStart(3, '0')}`, siteId: where, caseId: families[family]!, occurredAt: nz(at),
          area: 'Gisborne', source: 'POLICE_FAMILY_HARM', summary: 'Verbal argument reported by a neighbour.',
          personAtRiskId, personUsingViolenceId: other.id,
        },
      });
    await episode('A', '2025-02-27T12:00', aroha.id); // before the range: only the weekly repeat sees it
    await episode('A', '2025-03-01T00:15', aroha.id); // in: 28 February in UTC, 1 March in Auckland
    await episode('A', '2025-03-20T09:00', aroha.id); // Aroha again, 19 days later: a repeat family
    await episode('B', '2025-03-10T10:00', mere.id);
    await episode('B', '2026-03-09T10:00', mere.id); // 364 days after Mere's first: re-victimised
    await episode('C', '2025-03-12T10:00', sione.id);
    await episode('C', '2026-03-13T10:00', sione.id); // 366 days after Sione's first: not
    await episode('D', '2025-03-15T10:00', grace.id);
    await episode('E', '2025-03-25T10:00', grace.id); // Grace in a second whānau
    await episode('F', '2025-03-31T23:30', rangi.id); // the last half hour of the range
    await episode('F', '2025-04-01T00:30', rangi.id); // an hour later, across the range's end
    // The training site's episodes never count nationally.
    const trainingCase = await db.case.create({ data: { reference: 'TRN-W-0001', siteId: trainingSiteId } });
    families.T = trainingCase.id;
    await episode('T', '2025-03-05T10:00', grace.id, trainingSiteId);

    const meeting = (date: string, started: boolean) =>
      db.meeting.create({ data: { siteId, date: day(date), kind: 'DAILY_SAM', status: started ? 'CLOSED' : 'PREP', startedAt: started ? nz(`${date}T09:00`) : null } });
    const item = (meetingId: string, family: string, reason: AgendaReason, status: AgendaItemStatus, minutes: number) =>
      db.agendaItem.create({ data: { meetingId, caseId: families[family]!, reason, status, rank: `a${family}`, discussionMs: minutes * 60_000 } });
    const m0 = await meeting('2025-02-20', true);
    await item(m0.id, 'C', 'NEW_EPISODE', 'DEFERRED', 5);
    const m1 = await meeting('2025-03-03', true);
    await item(m1.id, 'A', 'NEW_EPISODE', 'DECIDED', 6);
    await item(m1.id, 'B', 'NEW_EPISODE', 'DEFERRED', 4);
    const m2 = await meeting('2025-03-10', true);
    await item(m2.id, 'B', 'CARRIED_OVER', 'DECIDED', 10);
    await item(m2.id, 'C', 'CARRIED_OVER', 'DECIDED', 0); // the timer never ran for it
    await item(m2.id, 'D', 'NEW_EPISODE', 'DEFERRED', 0);
    const m3 = await meeting('2025-03-31', false); // prepared, never held
    await item(m3.id, 'D', 'CARRIED_OVER', 'PENDING', 0);
    await item(m3.id, 'E', 'NEW_EPISODE', 'PENDING', 0);
    const m4 = await meeting('2025-04-02', true); // after the range
    await item(m4.id, 'F', 'NEW_EPISODE', 'DECIDED', 20);

    const action = (family: string, agencyId: string, due: string, status: ActionStatus, doneAt: string | null = null) =>
      db.action.create({
        data: { caseId: families[family]!, agencyId, type: 'Check-in', description: 'Call the person at risk.', dueDate: day(due), status, doneAt: doneAt ? nz(doneAt) : null },
      });
    await action('A', police, '2025-03-05', 'DONE', '2025-03-05T21:00'); // on time
    await action('A', police, '2025-03-05', 'DONE', '2025-03-06T00:30'); // late: 5 March in UTC, 6 March in Auckland
    await action('B', police, '2025-03-20', 'OPEN'); // overdue
    await action('C', health, '2025-03-12', 'NOT_DONE_CIRCUMSTANCES');
    await action('D', health, '2025-03-31', 'IN_PROGRESS'); // overdue
    await action('D', ot, '2025-03-15', 'NOT_DONE_AGENCY');
    await action('E', ot, '2025-03-18', 'CANCELLED'); // withdrawn: not counted
    await action('F', ot, '2025-04-01', 'DONE', '2025-03-30T10:00'); // due after the range
    await action('A', health, '2025-02-28', 'OPEN'); // due before the range
  }, 60_000);
  afterAll(() => server?.stop());

  it('works out every figure of a month by hand', async () => {
    const report = await siteReport(MARCH);
    expect(report.site).toMatchObject({ id: siteId, code: 'TAIRAWHITI', name: 'Tairāwhiti', training: false });
    const f = report.figures;
    // Episodes 1 March 00:15 to 31 March 23:30: A twice, B, C, D, E (Grace's second whānau), F.
    expect({ episodes: f.episodes, families: f.families, repeatFamilies: f.repeatFamilies }).toEqual({ episodes: 7, families: 6, repeatFamilies: 1 });
    // Held: 3 and 10 March (31 March was prepared, never started). Decided A, B, C; deferred B, D.
    // Timer: 6, 4 and 10 minutes (C and D never timed): the median is 6.
    expect({ meetings: f.meetings, itemsDecided: f.itemsDecided, itemsDeferred: f.itemsDeferred, median: f.medianMinutesPerItem })
      .toEqual({ meetings: 2, itemsDecided: 3, itemsDeferred: 2, median: 6 });
    // Latest items by 31 March: A, B, C decided; D carried and pending (deferred before, counted
    // once); E a new pending item, not a backlog; F's only item is in April.
    expect(f.backlog).toBe(1);

    expect(f.actions).toEqual({
      assigned: 6, done: 2, doneOnTime: 1, overdue: 2, notDoneCircumstances: 1, notDoneAgency: 1,
      byAgency: [
        { agency: 'HEALTH', agencyName: expect.any(String), assigned: 2, done: 0, doneOnTime: 0, overdue: 1, notDoneCircumstances: 1, notDoneAgency: 0 },
        { agency: 'OT', agencyName: 'Oranga Tamariki', assigned: 1, done: 0, doneOnTime: 0, overdue: 0, notDoneCircumstances: 0, notDoneAgency: 1 },
        { agency: 'POLICE', agencyName: 'New Zealand Police', assigned: 3, done: 2, doneOnTime: 1, overdue: 1, notDoneCircumstances: 0, notDoneAgency: 0 },
      ],
    });

    // Cohort: Aroha, Mere, Sione, Grace (once, for two whānau), Rangi. Re-victimised: Aroha (19
    // days), Mere (364 days), Grace (10 days, other whānau), Rangi (an hour, after the range). Not
    // Sione (366 days).
    expect(f.revictimisation).toEqual({
      cohort: 5, revictimised: 4, rate: 0.8,
      byEthnicity: [
        { ethnicity: 'European', cohort: 1, revictimised: 1, rate: 1 },
        { ethnicity: 'Māori', cohort: 2, revictimised: 2, rate: 1 },
        { ethnicity: 'Pacific Peoples', cohort: 1, revictimised: 0, rate: 0 },
        { ethnicity: 'unknown', cohort: 1, revictimised: 1, rate: 1 },
      ],
      maori: { cohort: 2, revictimised: 2, rate: 1 },
      nonMaori: { cohort: 2, revictimised: 1, rate: 0.5 },
    });

    // Weeks from Monday: 1 March is a Saturday. The first episode repeats A's of 27 February.
    expect(f.weekly).toEqual([
      { week: '2025-02-24', episodes: 1, repeatEpisodes: 1 },
      { week: '2025-03-10', episodes: 3, repeatEpisodes: 0 },
      { week: '2025-03-17', episodes: 1, repeatEpisodes: 1 },
      { week: '2025-03-24', episodes: 1, repeatEpisodes: 0 },
      { week: '2025-03-31', episodes: 1, repeatEpisodes: 0 },
    ]);
  });

  it('moves the edges with the range: one day, and a repeat across its end', async () => {
    // 1 March alone: Aroha's first episode; her next (20 March) is a re-victimisation all the same.
    const first = (await siteReport('from=2025-03-01&to=2025-03-01')).figures;
    expect([first.episodes, first.families, first.repeatFamilies]).toEqual([1, 1, 0]);
    expect(first.revictimisation).toMatchObject({ cohort: 1, revictimised: 1, rate: 1 });
    expect(first.actions.assigned).toBe(0);
    // 31 March alone: Rangi's late episode is in, and the one after midnight counts against it.
    const last = (await siteReport('from=2025-03-31&to=2025-03-31')).figures;
    expect([last.episodes, last.revictimisation.cohort, last.revictimisation.revictimised]).toEqual([1, 1, 1]);
    expect(last.actions).toMatchObject({ assigned: 1, overdue: 1 });
    // Through 1 April, family F has both episodes in range and repeats.
    const through = (await siteReport('from=2025-03-01&to=2025-04-01')).figures;
    expect([through.episodes, through.families, through.repeatFamilies]).toEqual([8, 6, 2]);
    expect(through.actions.assigned).toBe(7);
    expect(through.actions.doneOnTime).toBe(2);
  });

  it('counts an action marked done between meetings as done on time from when it was marked', async () => {
    const db = server.ctx.db;
    const today = todayInNz();
    const family = await db.case.findFirstOrThrow({ where: { siteId, reference: 'TRW-W-000A' } });
    const police = await db.agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    const action = await db.action.create({ data: { caseId: family.id, agencyId: police.id, type: 'Check-in', description: 'Visit.', dueDate: day(today) } });
    const patch = (status: ActionStatus) => as.coordinator!.request('PATCH', `/api/actions/${action.id}`, { status });
    const todays = async () => (await siteReport(`from=${today}&to=${today}`)).figures.actions;

    expect((await patch('DONE')).status).toBe(200);
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).doneAt).not.toBeNull();
    expect(await todays()).toMatchObject({ assigned: 1, done: 1, doneOnTime: 1 });
    expect((await patch('IN_PROGRESS')).status).toBe(200);
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).doneAt).toBeNull();
    expect(await todays()).toMatchObject({ assigned: 1, done: 0, doneOnTime: 0, overdue: 0 });
    await db.action.delete({ where: { id: action.id } });
  });

  it('exports the figures as CSV, one figure per row, and audits it', async () => {
    const res = await get('coordinator', `/api/reports/site.csv?siteId=${siteId}&${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="SAM-report-Tairawhiti-2025-03-01-2025-03-31.csv"');
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['site', 'from', 'to', 'figure', 'group', 'value']);
    const value = (figure: string, group = '') => rows.find((r) => r[3] === figure && r[4] === group)?.[5];
    expect([value('episodes'), value('repeatFamilies'), value('medianMinutesPerItem'), value('actions.doneOnTime'), value('actions.doneOnTime', 'POLICE')]).toEqual(['7', '1', '6', '1', '1']);
    expect([value('revictimisation.rate', 'Pacific Peoples'), value('revictimisation.cohort', 'unknown'), value('weekly.episodes', '2025-03-10')]).toEqual(['0', '1', '3']);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'report.export', subjectId: siteId } })).toBe(1);
  });

  it('gives evaluators a de-identified episode extract with stable pseudonyms', async () => {
    const extract = async () => {
      const res = await get('auditor', `/api/reports/extract.csv?siteId=${siteId}&${MARCH}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    const text = await extract();
    expect(await extract()).toBe(text);
    for (const identifying of ['Aroha', 'Ngāta', 'Pōhatu', "O'Donnell", 'Kīngi', 'TRW-W-', 'P-RPT-', '1990-04-04', 'Gisborne', 'neighbour']) {
      expect(text, identifying).not.toContain(identifying);
    }
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r[col('occurredOn')])).toEqual(['2025-03-01', '2025-03-10', '2025-03-12', '2025-03-15', '2025-03-20', '2025-03-25', '2025-03-31']);
    const [arohaFirst, mere, sione, graceD, arohaAgain, graceE, rangi] = rows as string[][];
    // Aroha: one person, one family, across her two rows; Grace one person in two families.
    expect(arohaAgain![col('personAtRisk')]).toBe(arohaFirst![col('personAtRisk')]);
    expect(arohaAgain![col('family')]).toBe(arohaFirst![col('family')]);
    expect(graceE![col('personAtRisk')]).toBe(graceD![col('personAtRisk')]);
    expect(graceE![col('family')]).not.toBe(graceD![col('family')]);
    expect(arohaFirst![col('personAtRisk')]).toMatch(/^P-[0-9a-f]{12}$/);
    expect(arohaFirst![col('personAtRiskBirthYear')]).toBe('1990');
    expect(arohaFirst![col('personAtRiskEthnicity')]).toBe('Māori');
    // Another episode for the person at risk within 365 days: Mere's 364 yes, Sione's 366 no.
    const again = (r: string[]) => r[col('personAtRiskAgainWithin365Days')];
    expect([arohaFirst, mere, sione, graceD, arohaAgain, graceE, rangi].map((r) => again(r!))).toEqual(['true', 'true', 'false', 'true', 'false', 'false', 'true']);
    expect(arohaFirst![col('familyRepeatWithin365Days')]).toBe('true');
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'report.extract', subjectId: siteId } })).toBe(2);
  });

  it('answers an empty range with zeros and nulls', async () => {
    const f = (await siteReport('from=2024-01-01&to=2024-01-31')).figures;
    const empty: ReportFigures = {
      episodes: 0, families: 0, repeatFamilies: 0, meetings: 0, itemsDecided: 0, itemsDeferred: 0, medianMinutesPerItem: null, backlog: 0,
      actions: { assigned: 0, done: 0, doneOnTime: 0, overdue: 0, notDoneCircumstances: 0, notDoneAgency: 0, byAgency: [] },
      revictimisation: {
        cohort: 0, revictimised: 0, rate: null, byEthnicity: [],
        maori: { cohort: 0, revictimised: 0, rate: null }, nonMaori: { cohort: 0, revictimised: 0, rate: null },
      },
      weekly: [],
    };
    expect(f).toEqual(empty);
  });

  it("is for the site's chair, coordinator and auditor, and national roles", async () => {
    for (const who of ['chair', 'auditor', 'national']) expect((await get(who, `/api/reports/site?siteId=${siteId}&${MARCH}`)).status).toBe(200);
    expect((await get('rep', `/api/reports/site?siteId=${siteId}&${MARCH}`)).status).toBe(403);
    // Another site's report is not found, and the attempt is audited.
    const refused = await get('canterbury', `/api/reports/site?siteId=${siteId}&${MARCH}`);
    expect(refused.status).toBe(404);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'access.refused', subjectType: 'Site', subjectId: siteId } })).toBe(1);
  });

  it('refuses bad parameters with a 400 naming each', async () => {
    const cases: [string, string][] = [
      [`siteId=${siteId}&from=2025-04-01&to=2025-03-01`, 'from'],
      [`siteId=${siteId}&from=2019-01-01&to=2025-01-02`, 'to'],
      [`siteId=00000000-0000-4000-8000-000000000000&${MARCH}`, 'siteId'],
      [`siteId=not-a-site&${MARCH}`, 'siteId'],
      [`siteId=${siteId}&from=2025-02-30&to=2025-03-31`, 'from'],
      [`siteId=${siteId}&from=2025-03-01&to=31/03/2025`, 'to'],
      [`siteId=${siteId}&to=2025-03-31`, 'from'],
    ];
    for (const [query, parameter] of cases) {
      const res = await get('coordinator', `/api/reports/site?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json() as { error: { details: { issues: { path: string }[] } } };
      expect(body.error.details.issues.map((i) => i.path), query).toEqual([parameter]);
    }
    // Five years to the day is allowed.
    expect((await get('coordinator', `/api/reports/site?siteId=${siteId}&from=2020-03-01&to=2025-03-01`)).status).toBe(200);
  });

  it('gives national roles every live site and their sum, never a training site', async () => {
    expect((await get('coordinator', `/api/reports/national?${MARCH}`)).status).toBe(403);
    expect((await get('national', '/api/reports/national?from=2025-03-02&to=2025-03-01')).status).toBe(400);
    const res = await get('national', `/api/reports/national?${MARCH}`);
    expect(res.status).toBe(200);
    const national = NationalReport.parse(await res.json());
    expect(national.sites.map((s) => s.site.code)).toEqual(['CANTERBURY', 'TAIRAWHITI', 'WAIKATO']);
    const ours = national.sites.find((s) => s.site.id === siteId)!;
    expect(ours.figures).toEqual((await siteReport(MARCH)).figures);
    const sum = (pick: (f: ReportFigures) => number) => national.sites.reduce((n, s) => n + pick(s.figures), 0);
    for (const pick of [(f: ReportFigures) => f.episodes, (f: ReportFigures) => f.families, (f: ReportFigures) => f.meetings, (f: ReportFigures) => f.actions.assigned]) {
      expect(pick(national.total)).toBe(sum(pick));
    }
    expect(national.sites.some((s) => s.site.id === trainingSiteId)).toBe(false);
    // The training site's own people still see its figures.
    const training = await get('national', `/api/reports/site?siteId=${trainingSiteId}&${MARCH}`);
    expect(SiteReport.parse(await training.json()).figures.episodes).toBe(1);
  });
});
