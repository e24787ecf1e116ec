import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dateColumn } from '../../shared/nz-time.js';
import { generateDemoData, type DemoData } from './demo-data.js';

const TODAY = '2026-11-23';
// Ordinary days, plus the days daylight saving starts (27 Sep) and ends (5 Apr) in 2026.
const DAYS = [TODAY, '2026-09-27', '2026-04-05', '2027-01-01'];
const SEEDS = [1, 2, 3, 2024, 987_654];
const UNFINISHED = ['OPEN', 'IN_PROGRESS', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY'];

/** A site's meetings (Canterbury unless named) and today's list. */
function todays(data: DemoData, today: string, siteCode = 'CANTERBURY') {
  const site = data.sites.find((s) => s.code === siteCode);
  const meeting = data.meetings.find((m) => m.status === 'PREP' && m.siteId === site?.id);
  const closed = data.meetings.find((m) => m.status === 'CLOSED' && m.siteId === site?.id);
  if (!meeting || !closed) throw new Error('both meetings expected');
  const items = data.agendaItems.filter((i) => i.meetingId === meeting.id);
  const itemIds = new Set(items.map((i) => i.id));
  const episodeIds = new Set(data.agendaItemEpisodes.filter((l) => itemIds.has(l.agendaItemId)).map((l) => l.episodeId));
  const episodes = data.episodes.filter((e) => episodeIds.has(e.id));
  const cutoff = DateTime.fromISO(today, { zone: 'Pacific/Auckland' }).set({ hour: 8 });
  return { meeting, closed, items, episodes, cutoff };
}

describe('generateDemoData', () => {
  it('gives identical data for the same seed and day', () => {
    expect(generateDemoData({ seed: 42, today: TODAY })).toEqual(generateDemoData({ seed: 42, today: TODAY }));
  });

  it('gives different data for a different seed', () => {
    const a = generateDemoData({ seed: 42, today: TODAY });
    const b = generateDemoData({ seed: 43, today: TODAY });
    expect(b).not.toEqual(a);
    expect(b.persons.map((p) => p.nameKey)).not.toEqual(a.persons.map((p) => p.nameKey));
    expect(b.sites[0]?.id).not.toBe(a.sites[0]?.id);
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => generateDemoData({ seed: 1, today: '2026-13-01' })).toThrow();
    expect(() => generateDemoData({ seed: 1, today: '23/11/2026' })).toThrow();
  });

  it.each(SEEDS)('sizes a realistic day for seed %i', (seed) => {
    const data = generateDemoData({ seed, today: TODAY });
    const { items, episodes } = todays(data, TODAY);
    const canterbury = data.sites.find((s) => s.code === 'CANTERBURY');
    const families = data.cases.filter((c) => c.siteId === canterbury?.id);
    expect(data.sites.map((s) => s.code).sort()).toEqual(['CANTERBURY', 'WAIKATO']);
    expect(families.length).toBeGreaterThanOrEqual(25);
    expect(families.length).toBeLessThanOrEqual(31);
    expect(episodes.length).toBeGreaterThanOrEqual(31);
    expect(episodes.length).toBeLessThanOrEqual(39);
    // One item per family: several episodes of one whānau group into one item.
    expect(items).toHaveLength(new Set(episodes.map((e) => e.caseId)).size);
    expect(new Set(items.map((i) => i.caseId)).size).toBe(items.length);
    expect(episodes.filter((e) => e.source === 'CORRECTIONS_RELEASE')).toHaveLength(2);
    const referrals = episodes.filter((e) => e.source === 'AGENCY_REFERRAL').length;
    expect(referrals).toBeGreaterThanOrEqual(1);
    expect(referrals).toBeLessThanOrEqual(2);
  });

  it('has the staff accounts the demo signs in with', () => {
    const data = generateDemoData({ seed: 1, today: TODAY });
    const codes = data.agencies.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['POLICE', 'OT', 'CORRECTIONS', 'HEALTH', 'ACC', 'MSD', 'EDUCATION',
      'JUSTICE', 'HOUSING', 'IWI', 'KAUPAPA_MAORI', 'FV_NGO', 'VICTIM_SPECIALIST', 'PERPETRATOR_SERVICE']));
    const byEmail = new Map(data.users.map((u) => [u.email, u]));
    const police = data.agencies.find((a) => a.code === 'POLICE')?.id;
    expect(byEmail.get('chair@demo.test')).toMatchObject({ role: 'CHAIR', agencyId: police });
    expect(byEmail.get('coordinator@demo.test')).toMatchObject({ role: 'COORDINATOR', agencyId: police });
    expect(byEmail.get('auditor@demo.test')?.role).toBe('AUDITOR');
    expect(byEmail.get('observer@demo.test')?.role).toBe('OBSERVER');
    expect(byEmail.get('ot@demo.test')?.agencyId).toBe(data.agencies.find((a) => a.code === 'OT')?.id);
    const canterbury = data.sites.find((s) => s.code === 'CANTERBURY')?.id;
    const waikato = data.sites.find((s) => s.code === 'WAIKATO')?.id;
    const local = data.users.filter((u) => !u.national);
    expect(local.filter((u) => u.role === 'REP' && u.siteId === canterbury)).toHaveLength(data.agencies.length);
    // Each Canterbury account has a Waikato twin: same role and agency, its own site.
    for (const u of local.filter((x) => x.siteId === canterbury)) {
      const twin = byEmail.get(u.email.replace('@', '.waikato@'));
      expect(twin).toMatchObject({ role: u.role, agencyId: u.agencyId, siteId: waikato, national: false });
    }
    expect(local.filter((u) => u.siteId === waikato)).toHaveLength(local.filter((u) => u.siteId === canterbury).length);
    expect(local).toHaveLength(data.users.length - 2);
    // The national accounts are an auditor and an administrator: nothing else may span sites.
    expect(byEmail.get('national.auditor@demo.test')).toMatchObject({ role: 'AUDITOR', national: true, siteId: canterbury });
    expect(byEmail.get('national.admin@demo.test')).toMatchObject({ role: 'SITE_ADMIN', national: true, siteId: canterbury });
    expect(byEmail.get('admin@demo.test')).toMatchObject({ role: 'SITE_ADMIN', national: false, siteId: canterbury });
  });

  it.each(SEEDS)('gives Waikato its own families and a first list of its own for seed %i', (seed) => {
    const data = generateDemoData({ seed, today: TODAY });
    const waikato = data.sites.find((s) => s.code === 'WAIKATO');
    const waikatoMeetings = data.meetings.filter((m) => m.siteId === waikato?.id);
    expect(waikatoMeetings.map((m) => m.status)).toEqual(['PREP']);
    const meeting = waikatoMeetings[0]!;
    const items = data.agendaItems.filter((i) => i.meetingId === meeting.id);
    const episodes = data.episodes.filter((e) => data.agendaItemEpisodes.some((l) => l.episodeId === e.id && items.some((i) => i.id === l.agendaItemId)));
    const cases = new Map(data.cases.map((c) => [c.id, c]));
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const i of items) expect(cases.get(i.caseId)?.siteId).toBe(waikato?.id);
    for (const e of episodes) expect(e.siteId).toBe(waikato?.id);
    expect(meeting.venue).toContain('Kirikiriroa');
    // Each meeting's attendance and decisions belong to its own site's staff.
    const users = new Map(data.users.map((u) => [u.id, u]));
    for (const m of data.meetings) {
      for (const p of data.participants.filter((x) => x.meetingId === m.id)) expect(users.get(p.userId ?? '')?.siteId).toBe(m.siteId);
    }
    // No history, so a meeting made at Waikato carries nothing over.
    expect(data.actions.filter((a) => cases.get(a.caseId)?.siteId === waikato?.id)).toEqual([]);
  });

  it('uses names with macrons, hyphens and apostrophes, with macron-folded keys', () => {
    const data = generateDemoData({ seed: 1, today: TODAY });
    const names = data.persons.map((p) => `${p.givenName} ${p.familyName}`);
    expect(names.some((n) => /[āēīōū]/i.test(n))).toBe(true);
    expect(names.some((n) => n.includes('-'))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    for (const p of data.persons) expect(p.nameKey).toMatch(/^[^A-ZāēīōūĀĒĪŌŪ]+$/);
  });

  it('keeps references unique and clearly synthetic', () => {
    const data = generateDemoData({ seed: 1, today: TODAY });
    const refs = data.episodes.map((e) => e.policeRef);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(r).toMatch(/^P\d{9}$/);
    const people = data.persons.flatMap((p) => (p.policePersonRef ? [p.policePersonRef] : []));
    expect(new Set(people).size).toBe(people.length);
    for (const r of people) expect(r).toMatch(/^PPR-\d{7}$/);
    const codes = new Map(data.sites.map((s) => [s.id, s.code]));
    for (const c of data.cases) expect(c.reference).toMatch(codes.get(c.siteId) === 'WAIKATO' ? /^HLZ-W-\d{4}$/ : /^CHC-W-\d{4}$/);
    const ids = Object.values(data).flatMap((rows: { id?: string }[]) => rows.flatMap((r) => (r.id ? [r.id] : [])));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each(DAYS)("puts every episode on %s's list in the 24 h before 08:00 NZ", (today) => {
    for (const seed of SEEDS) {
      const data = generateDemoData({ seed, today });
      const { meeting, episodes, cutoff } = todays(data, today);
      expect(meeting.date).toEqual(dateColumn(today));
      const end = cutoff.toMillis();
      for (const e of episodes) {
        expect(e.occurredAt.getTime()).toBeLessThan(end);
        expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(end - 24 * 3600_000);
      }
    }
  });

  it('orders today’s list by distinct ranks, and marks last week’s families as repeats', () => {
    for (const seed of SEEDS) {
      const data = generateDemoData({ seed, today: TODAY });
      const { items, closed } = todays(data, TODAY);
      expect(new Set(items.map((i) => i.rank)).size).toBe(items.length);
      expect(closed.date).toEqual(dateColumn('2026-11-16'));
      const earlier = data.agendaItems.filter((i) => i.meetingId === closed.id);
      expect(earlier.length).toBeGreaterThanOrEqual(5);
      expect(earlier.length).toBeLessThanOrEqual(7);
      const repeated = new Set(earlier.map((i) => i.caseId));
      for (const item of items) expect(item.reason).toBe(repeated.has(item.caseId) ? 'REPEAT' : 'NEW_EPISODE');
      expect(items.filter((i) => i.reason === 'REPEAT')).toHaveLength(repeated.size);
    }
  });

  it('records last week’s decisions by the rules, with unfinished actions to carry over', () => {
    for (const seed of SEEDS) {
      const data = generateDemoData({ seed, today: TODAY });
      const { closed } = todays(data, TODAY);
      const earlier = data.agendaItems.filter((i) => i.meetingId === closed.id);
      expect(earlier.every((i) => i.status === 'DECIDED')).toBe(true);
      const decisions = data.decisions.filter((d) => earlier.some((i) => i.id === d.agendaItemId));
      expect(decisions).toHaveLength(earlier.length);
      const order = ['LOW', 'MEDIUM', 'HIGH'];
      for (const d of decisions) {
        expect(d.version).toBe(1);
        expect(d.rationale).not.toBe('');
        // A recorded band is never lowered.
        const bands = data.riskAssessments.filter((r) => r.caseId === d.caseId && r.assessedAt <= d.decidedAt);
        for (const r of bands) expect(order.indexOf(d.riskLevel)).toBeGreaterThanOrEqual(order.indexOf(r.level ?? 'LOW'));
        const actions = data.actions.filter((a) => a.decisionId === d.id);
        if (d.pathway !== 'NO_FURTHER_ACTION' && d.pathway !== 'INFORMATION_ONLY') {
          expect(d.leadAgencyId).not.toBeNull();
          expect(actions.length).toBeGreaterThan(0);
        }
      }
      const unfinished = data.actions.filter((a) => UNFINISHED.includes(a.status));
      expect(new Set(unfinished.map((a) => a.status))).toEqual(new Set(UNFINISHED));
      // Worked on by their due date; one not due until after today is still open, and Corrections holds one.
      for (const a of data.actions) if (a.dueDate >= dateColumn(TODAY)) expect(a.status).toBe('OPEN');
      const corrections = data.agencies.find((a) => a.code === 'CORRECTIONS')?.id;
      expect(data.actions.some((a) => a.agencyId === corrections && a.status === 'OPEN')).toBe(true);
      const attendees = data.participants.filter((p) => p.meetingId === closed.id);
      expect(attendees.some((p) => p.role === 'CHAIR')).toBe(true);
      expect(decisions.every((d) => attendees.some((p) => p.id === d.decidedById))).toBe(true);
    }
  });

  it('links every row to rows that exist', () => {
    const data = generateDemoData({ seed: 1, today: TODAY });
    const has = (rows: { id: string }[]) => {
      const ids = new Set(rows.map((r) => r.id));
      return (id: string | null) => id === null || ids.has(id);
    };
    const person = has(data.persons);
    const kase = has(data.cases);
    const agency = has(data.agencies);
    expect(data.caseMembers.every((m) => person(m.personId) && kase(m.caseId))).toBe(true);
    expect(data.episodes.every((e) => kase(e.caseId) && person(e.personAtRiskId) && person(e.personUsingViolenceId))).toBe(true);
    expect(data.riskAssessments.every((r) => kase(r.caseId) && has(data.episodes)(r.episodeId) && agency(r.agencyId))).toBe(true);
    expect(data.agendaItemEpisodes.every((l) => has(data.agendaItems)(l.agendaItemId) && has(data.episodes)(l.episodeId))).toBe(true);
    expect(data.actions.every((a) => kase(a.caseId) && agency(a.agencyId) && has(data.decisions)(a.decisionId))).toBe(true);
    expect(data.cases.every((c) => agency(c.leadAgencyId))).toBe(true);
  });
});
