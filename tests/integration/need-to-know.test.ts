import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseHistory } from '../../shared/api/records.js';
import { meetingDocName, prepDocName, setPrepEntry } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Need to know between meetings: the case API gives an agency the whole record of a family it
// works with (it leads, holds an action, or shared information there) and only what was decided
// otherwise — the same rule, from the same code, as that agency's minutes. Chair, coordinator and
// auditor see the whole record.

const REP_EMAIL: Record<string, string> = {
  POLICE: 'police', OT: 'ot', CORRECTIONS: 'corrections', HEALTH: 'health', ACC: 'acc', MSD: 'msd', EDUCATION: 'education',
  JUSTICE: 'justice', HOUSING: 'housing', IWI: 'iwi', KAUPAPA_MAORI: 'kaupapa', FV_NGO: 'ngo', VICTIM_SPECIALIST: 'victim',
  PERPETRATOR_SERVICE: 'perpetrator',
};

describe('need to know between meetings', () => {
  let server: TestServer;
  const clients: CollabClient[] = [];
  let family: { caseId: string; rationale: string; names: string[]; todayItem: string; todayRef: string };
  let todayId: string;
  let lead: string;
  let holder: string;
  let uninvolved: [string, string, string];

  const db = () => server.ctx.db;
  const signIn = async (email: string) => {
    const b = new Browserish(server.url);
    expect((await b.login(email)).status).toBe(200);
    return b;
  };
  const rep = (agency: string) => signIn(`${REP_EMAIL[agency]}@demo.test`);
  const history = async (who: Browserish) => {
    const res = await who.request('GET', `/api/cases/${family.caseId}`);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    return { body: CaseHistory.parse(body), text: JSON.stringify(body) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    // A family decided at last week's meeting, with a lead agency and actions, and back on today's list.
    const decision = await db().decision.findFirstOrThrow({
      where: { leadAgencyId: { not: null }, actions: { some: {} }, case: { site: { code: 'CANTERBURY' } } },
      include: { leadAgency: true, actions: { include: { agency: true } }, case: { include: { members: { include: { person: true } } } } },
      orderBy: { decidedAt: 'asc' },
    });
    lead = decision.leadAgency!.code;
    holder = decision.actions.map((a) => a.agency.code).find((c) => c !== lead) ?? lead;
    const involved = new Set([lead, ...decision.actions.map((a) => a.agency.code)]);
    const others = Object.keys(REP_EMAIL).filter((c) => !involved.has(c) && c !== 'POLICE');
    uninvolved = [others[0]!, others[1]!, others[2]!];
    const today = await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    todayId = today.id;
    const todayItem = await db().agendaItem.findFirstOrThrow({ where: { meetingId: today.id, caseId: decision.caseId }, include: { episodes: { include: { episode: true } } } });
    family = {
      caseId: decision.caseId, rationale: decision.rationale, todayItem: todayItem.id, todayRef: todayItem.episodes[0]!.episode.policeRef,
      names: decision.case.members.filter((m) => !m.person.hiddenName).map((m) => m.person.familyName),
    };
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  it('gives an agency with no part in the family only what was decided', async () => {
    const { body, text } = await history(await rep(uninvolved[0]));
    expect(body.detail).toBe('outcome');
    expect(Object.keys(body).sort()).toEqual(['currentRisk', 'detail', 'id', 'leadAgency', 'meetings', 'planKept', 'reference', 'status']);
    const decided = body.meetings.flatMap((m) => m.decisions);
    expect(decided.length).toBeGreaterThan(0);
    expect(decided[0]).toMatchObject({ leadAgency: lead });
    expect(Object.keys(decided[0]!)).not.toContain('rationale');
    // Nothing that tells who the family is, what happened, why, or who does what.
    expect(text).not.toContain(family.rationale);
    for (const name of family.names) expect(text).not.toContain(name);
    expect(text).not.toContain(family.todayRef);
    const viewed = await db().auditEvent.findFirstOrThrow({ where: { action: 'records.view', subjectId: family.caseId }, orderBy: { seq: 'desc' } });
    expect(viewed.details).toEqual({ detail: 'outcome' });
  });

  it('gives the lead agency and an agency holding an action the whole record', async () => {
    for (const agency of new Set([lead, holder])) {
      const { body, text } = await history(await rep(agency));
      expect(body.detail, agency).toBe('full');
      expect(text).toContain(family.rationale);
      expect(text).toContain(family.todayRef);
    }
  });

  it('gives chair, coordinator and auditor the whole record', async () => {
    for (const email of ['chair@demo.test', 'coordinator@demo.test', 'auditor@demo.test']) {
      expect((await history(await signIn(email))).body.detail, email).toBe('full');
    }
  });

  it('counts sharing information as taking part, in the case API and the agency minutes alike, and withholding not', async () => {
    const [sharer, withholder] = [uninvolved[1], uninvolved[2]];
    const minutes = async (agency: string, who: Browserish) =>
      (await who.request('GET', `/api/meetings/${todayId}/minutes?format=md&agency=${agency}`)).text();
    const sharing = await rep(sharer);
    expect((await history(sharing)).body.detail).toBe('outcome');
    expect(await minutes(sharer, sharing)).not.toContain(`Episode ${family.todayRef}`);

    await sharing.acknowledge(todayId);
    const prep = connectDoc(server.url, prepDocName(todayId, sharer as 'HEALTH'), sessionToken(sharing));
    const meeting = connectDoc(server.url, meetingDocName(todayId), sessionToken(sharing));
    clients.push(prep, meeting);
    await Promise.all([synced(prep), synced(meeting)]);
    setPrepEntry(prep.doc, family.todayItem, { kind: 'FACT', legalBasis: 'FVA_S20', text: 'Known to the service since 2024.' });
    await new Promise((r) => setTimeout(r, 150));
    expect((await sharing.request('POST', `/api/meetings/${todayId}/disclosures`, { itemId: family.todayItem, decision: 'SHARE' })).status).toBe(201);

    expect((await history(sharing)).body.detail).toBe('full');
    expect(await minutes(sharer, sharing)).toContain(`Episode ${family.todayRef}`);

    const withholding = await rep(withholder);
    await withholding.acknowledge(todayId);
    const withheld = await withholding.request('POST', `/api/meetings/${todayId}/disclosures`, { itemId: family.todayItem, decision: 'WITHHOLD', withheldReason: 'Consent not given' });
    expect(withheld.status).toBe(201);
    expect((await history(withholding)).body.detail).toBe('outcome');
    expect(await minutes(withholder, withholding)).not.toContain(`Episode ${family.todayRef}`);
  });
});
