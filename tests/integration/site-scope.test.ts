import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDocName, prepDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The site is the first boundary: a Canterbury account reaches nothing of Waikato's — not its
// meetings, families, people, documents, control plane, exports, invitations, actions or audit
// trail — and what it reaches for answers exactly like something that does not exist, with the
// attempt in the audit trail. A national auditor spans both sites, by name.

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('sites', () => {
  let server: TestServer;
  const as: Record<string, Browserish> = {};
  let chc: { meeting: string; closed: string; case: string };
  let wko: { site: string; meeting: string; item: string; case: string; action: string; invite: string; personRef: string };

  const db = () => server.ctx.db;
  const ws = (doc: string, who: Browserish) => `${server.url.replace('http', 'ws')}/collab/${doc}?token=${sessionToken(who)}`;

  beforeAll(async () => {
    server = await startTestServer();
    for (const email of [
      'chair@demo.test', 'police@demo.test', 'auditor@demo.test', 'national.auditor@demo.test',
      'chair.waikato@demo.test', 'police.waikato@demo.test', 'auditor.waikato@demo.test',
    ]) {
      as[email] = new Browserish(server.url);
      expect((await as[email].login(email)).status).toBe(200);
    }
    const meetingOf = (code: string, status: 'PREP' | 'CLOSED') => db().meeting.findFirstOrThrow({ where: { status, kind: 'DAILY_SAM', site: { code } } });
    const chcMeeting = await meetingOf('CANTERBURY', 'PREP');
    chc = {
      meeting: chcMeeting.id,
      closed: (await meetingOf('CANTERBURY', 'CLOSED')).id,
      case: (await db().agendaItem.findFirstOrThrow({ where: { meetingId: chcMeeting.id } })).caseId,
    };
    const wkoMeeting = await meetingOf('WAIKATO', 'PREP');
    const item = await db().agendaItem.findFirstOrThrow({ where: { meetingId: wkoMeeting.id }, include: { case: { include: { members: { include: { person: true } } } } } });
    const police = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    const waikatoChair = await db().user.findUniqueOrThrow({ where: { email: 'chair.waikato@demo.test' } });
    // A Waikato family with a Police action and an invitation link: things a Canterbury account could reach for.
    const action = await db().action.create({
      data: { caseId: item.caseId, agencyId: police.id, type: 'Protection order check', description: 'Check compliance.', dueDate: new Date('2031-01-10T00:00:00Z') },
    });
    const invite = await db().invite.create({
      data: { meetingId: wkoMeeting.id, agencyId: police.id, role: 'REP', tokenHash: 'site-scope-test', expiresAt: new Date(Date.now() + 86_400_000), maxUses: 1, createdById: waikatoChair.id },
    });
    // A person known only to Waikato, found by their police reference.
    const person = item.case.members.find((m) => m.person.policePersonRef)?.person
      ?? await db().person.update({ where: { id: item.case.members[0]!.personId }, data: { policePersonRef: 'PPR-9990001' } });
    wko = {
      site: wkoMeeting.siteId, meeting: wkoMeeting.id, item: item.id, case: item.caseId, action: action.id, invite: invite.id,
      personRef: person.policePersonRef!,
    };
  });
  afterAll(() => server?.stop());

  /** What an id that exists nowhere answers, to compare another site's answer with. */
  async function unknownAnswer(who: Browserish, path: string, method = 'GET', body?: unknown) {
    const res = await who.request(method, path.replace(/[0-9a-f-]{36}/, UNKNOWN), body);
    return { status: res.status, body: await res.json() };
  }

  async function expectLikeUnknown(who: Browserish, method: string, path: string, body?: unknown) {
    const res = await who.request(method, path, body);
    expect(res.status, `${method} ${path}`).toBe(404);
    expect(await res.json()).toEqual((await unknownAnswer(who, path, method, body)).body);
  }

  async function refusedAttempts(email: string, subjectId: string) {
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    return db().auditEvent.findMany({ where: { actorId: user.id, subjectId: { startsWith: subjectId } } });
  }

  it("lists only the account's own site and its meetings; another site's meeting does not exist for it", async () => {
    const chair = as['chair@demo.test']!;
    const sites = (await (await chair.request('GET', '/api/sites')).json()) as { code: string }[];
    expect(sites.map((s) => s.code)).toEqual(['CANTERBURY']);
    const listed = (await (await chair.request('GET', '/api/meetings')).json()) as { id: string; siteName: string }[];
    expect(listed.map((m) => m.siteName)).toEqual(listed.map(() => 'Canterbury'));
    expect(listed.map((m) => m.id)).toContain(chc.meeting);
    expect(await (await chair.request('GET', `/api/meetings?siteId=${wko.site}`)).json()).toEqual([]);
    await expectLikeUnknown(chair, 'GET', `/api/meetings/${wko.meeting}`);
    expect((await refusedAttempts('chair@demo.test', wko.meeting)).map((e) => e.action)).toContain('access.refused');
    // Nor can it make one there.
    const created = await chair.request('POST', '/api/meetings', { siteId: wko.site, date: '2031-06-01', kind: 'DAILY_SAM' });
    expect(created.status).toBe(404);
    expect(await db().meeting.count({ where: { siteId: wko.site, date: new Date('2031-06-01T00:00:00Z') } })).toBe(0);

    const national = (await (await as['national.auditor@demo.test']!.request('GET', '/api/meetings')).json()) as { siteName: string }[];
    expect(new Set(national.map((m) => m.siteName))).toEqual(new Set(['Canterbury', 'Waikato']));
  });

  it("refuses another site's family: the case, names and episodes", async () => {
    await expectLikeUnknown(as['police@demo.test']!, 'GET', `/api/cases/${wko.case}`);
    await expectLikeUnknown(as['chair@demo.test']!, 'GET', `/api/cases/${wko.case}`);
    const refused = await refusedAttempts('police@demo.test', wko.case);
    expect(refused).toEqual([expect.objectContaining({ action: 'access.refused', subjectType: 'Case', details: { op: 'case.view', reason: 'another site' } })]);

    expect((await as['chair.waikato@demo.test']!.request('GET', `/api/cases/${wko.case}`)).status).toBe(200);
    expect((await as['national.auditor@demo.test']!.request('GET', `/api/cases/${wko.case}`)).status).toBe(200);
    expect((await as['national.auditor@demo.test']!.request('GET', `/api/cases/${chc.case}`)).status).toBe(200);
    expect((await as['chair.waikato@demo.test']!.request('GET', `/api/cases/${chc.case}`)).status).toBe(404);
  });

  it("keeps another site's meeting out of the account's attendance, documents and control plane", async () => {
    const rep = as['police@demo.test']!;
    // Acknowledging the statement is what enters a meeting: refused before anything is written.
    await expectLikeUnknown(rep, 'POST', `/api/meetings/${wko.meeting}/confidentiality`, { acknowledged: true });
    const canterburyUsers = await db().user.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true } });

    for (const doc of [meetingDocName(wko.meeting), prepDocName(wko.meeting, 'POLICE')]) {
      const upgrade = await rawUpgrade(ws(doc, rep));
      expect(upgrade.status, doc).toBe(404);
      const unknown = await rawUpgrade(ws(doc.replace(wko.meeting, UNKNOWN), rep));
      expect(unknown.status).toBe(404);
    }
    // A stock client that tries to write gets nothing in: the document keeps only Waikato's edits.
    const before = await db().docUpdate.count({ where: { doc: meetingDocName(wko.meeting) } });
    const writer = connectDoc(server.url, meetingDocName(wko.meeting), sessionToken(rep), { maxBackoffTime: 50 });
    writer.doc.getMap('items').set('intruder', 'Canterbury was here');
    await new Promise((r) => setTimeout(r, 300));
    expect(writer.provider.synced).toBe(false);
    writer.destroy();
    expect(await db().docUpdate.count({ where: { doc: meetingDocName(wko.meeting) } })).toBe(before);
    const collab = await db().auditEvent.findFirstOrThrow({ where: { action: 'collab.refused', subjectId: meetingDocName(wko.meeting) } });
    expect(collab.details).toMatchObject({ status: 404, reason: 'another site' });

    const control = connectControl(server.url, wko.meeting, sessionToken(rep));
    expect(await control.outcome).toBe('NOT_FOUND');
    control.close();
    const unknownControl = connectControl(server.url, UNKNOWN, sessionToken(rep));
    expect(await unknownControl.outcome).toBe('NOT_FOUND');
    unknownControl.close();
    const handshake = await db().auditEvent.findFirstOrThrow({ where: { action: 'control.refused', subjectId: wko.meeting } });
    expect(handshake.details).toMatchObject({ code: 'NOT_FOUND', reason: 'another site' });

    // A closed meeting's record opens without a statement, and adds its reader to the meeting's
    // participants: another site's never does.
    const closed = await db().meeting.create({
      data: { siteId: wko.site, date: new Date('2026-01-05T00:00:00Z'), kind: 'DAILY_SAM', status: 'CLOSED', closedAt: new Date('2026-01-05T01:00:00Z') },
    });
    expect((await rawUpgrade(ws(meetingDocName(closed.id), as['chair@demo.test']!))).status).toBe(404);

    for (const meetingId of [wko.meeting, closed.id]) {
      expect(await db().participant.count({ where: { meetingId, userId: { in: canterburyUsers.map((u) => u.id) } } })).toBe(0);
    }
    const minutes = await (await as['chair.waikato@demo.test']!.request('GET', `/api/meetings/${wko.meeting}/minutes?format=md`)).text();
    const repName = (await db().user.findUniqueOrThrow({ where: { email: 'police@demo.test' } })).displayName;
    expect(minutes).not.toContain(repName);
  });

  it("refuses disclosures, imports and invitations into another site's meeting", async () => {
    const chair = as['chair@demo.test']!;
    await expectLikeUnknown(as['police@demo.test']!, 'POST', `/api/meetings/${wko.meeting}/disclosures`,
      { itemId: wko.item, decision: 'WITHHOLD', withheldReason: 'Not for Waikato to know' });
    await expectLikeUnknown(chair, 'POST', `/api/meetings/${wko.meeting}/disclosures`, { itemId: wko.item, decision: 'WITHHOLD', withheldReason: 'Nor this' });
    expect(await db().disclosure.count({ where: { meetingId: wko.meeting } })).toBe(0);

    await expectLikeUnknown(chair, 'POST', `/api/meetings/${wko.meeting}/episodes/import`, []);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await expectLikeUnknown(chair, 'POST', `/api/meetings/${wko.meeting}/invites`, { agencyCode: 'POLICE', role: 'REP', expiresAt, maxUses: 1 });
    await expectLikeUnknown(chair, 'GET', `/api/meetings/${wko.meeting}/invites`);
    await expectLikeUnknown(chair, 'POST', `/api/invites/${wko.invite}/revoke`);
    expect(await db().invite.findMany({ where: { meetingId: wko.meeting } })).toEqual([expect.objectContaining({ id: wko.invite, revokedAt: null })]);
  });

  it("exports nothing of another site's meeting", async () => {
    const rep = as['police@demo.test']!;
    const chair = as['chair@demo.test']!;
    await expectLikeUnknown(rep, 'GET', `/api/meetings/${wko.meeting}/minutes?format=md&agency=POLICE`);
    await expectLikeUnknown(rep, 'GET', `/api/meetings/${wko.meeting}/actions?format=csv&agency=POLICE`);
    // The agency check comes after the site's: another agency's version of another site's minutes is still "no such meeting".
    await expectLikeUnknown(rep, 'GET', `/api/meetings/${wko.meeting}/minutes?format=md&agency=HEALTH`);
    await expectLikeUnknown(chair, 'GET', `/api/meetings/${wko.meeting}/minutes?format=pdf`);
    await expectLikeUnknown(chair, 'GET', `/api/meetings/${wko.meeting}/packs.zip`);
    const canterbury = await db().user.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true } });
    const exported = await db().auditEvent.count({
      where: { action: { in: ['export.minutes', 'export.actions', 'export.packs'] }, meetingId: wko.meeting, actorId: { in: canterbury.map((u) => u.id) } },
    });
    expect(exported).toBe(0);
    const refused = await refusedAttempts('chair@demo.test', wko.meeting);
    expect(refused.map((e) => (e.details as { op: string }).op)).toEqual(expect.arrayContaining(['export.minutes', 'export.packs']));
  });

  it("updates no action of another site's family, even one of the account's own agency", async () => {
    await expectLikeUnknown(as['police@demo.test']!, 'PATCH', `/api/actions/${wko.action}`, { status: 'DONE' });
    await expectLikeUnknown(as['chair@demo.test']!, 'PATCH', `/api/actions/${wko.action}`, { status: 'CANCELLED' });
    expect((await db().action.findUniqueOrThrow({ where: { id: wko.action } })).status).toBe('OPEN');
    expect((await as['police.waikato@demo.test']!.request('PATCH', `/api/actions/${wko.action}`, { status: 'IN_PROGRESS' })).status).toBe(200);
  });

  it("finds only people in the account's own site's families", async () => {
    const search = async (who: string, query: string) =>
      (await (await as[who]!.request('GET', `/api/people/search?${query}`)).json()) as { id: string; cases: { id: string }[] }[];
    expect(await search('police@demo.test', `policeRef=${wko.personRef}`)).toEqual([]);
    expect(await search('police.waikato@demo.test', `policeRef=${wko.personRef}`)).toHaveLength(1);
    expect(await search('national.auditor@demo.test', `policeRef=${wko.personRef}`)).toHaveLength(1);
    // A police reference of a Waikato episode finds nobody at Canterbury either.
    const episode = await db().episode.findFirstOrThrow({ where: { caseId: wko.case } });
    expect(await search('chair@demo.test', `policeRef=${episode.policeRef}`)).toEqual([]);

    // The same person comes to notice at Canterbury: its import makes a Canterbury record from its
    // own row and links nothing Waikato holds (name, date of birth, family).
    const waikatoPerson = await db().person.findFirstOrThrow({ where: { policePersonRef: wko.personRef } });
    const importRes = await as['chair@demo.test']!.request('POST', `/api/meetings/${chc.meeting}/episodes/import`, [{
      policeRef: 'SITE-SCOPE-0001', occurredAt: '2026-11-28T21:00:00', area: 'Ōtautahi CBD', source: 'POLICE_FAMILY_HARM',
      summary: 'A neighbour called Police.',
      personAtRisk: { givenName: 'Ānahera', familyName: "O'Connor-Whaanga", dob: '1991-02-03', policePersonRef: wko.personRef },
      personUsingViolence: { givenName: 'Rāwiri', familyName: 'Kīngi', dob: '1989-04-05', policePersonRef: null },
      children: 0, protectionOrder: 'NONE', strangulation: false, weapons: false,
    }]);
    expect(importRes.status, await importRes.clone().text()).toBe(200);
    const chcSite = (await db().meeting.findUniqueOrThrow({ where: { id: chc.meeting } })).siteId;
    const imported = await db().episode.findFirstOrThrow({ where: { policeRef: 'SITE-SCOPE-0001' }, include: { personAtRisk: true, case: { include: { members: true } } } });
    expect(imported.personAtRisk).toMatchObject({ siteId: chcSite, givenName: 'Ānahera', familyName: "O'Connor-Whaanga" });
    expect(imported.case.members.map((m) => m.personId)).not.toContain(waikatoPerson.id);
    expect(await db().person.findUniqueOrThrow({ where: { id: waikatoPerson.id } })).toEqual(waikatoPerson);

    const q = `policeRef=${wko.personRef}`;
    expect((await search('police@demo.test', q)).flatMap((h) => h.cases.map((c) => c.id))).toEqual([imported.caseId]);
    expect((await search('police.waikato@demo.test', q)).flatMap((h) => h.cases.map((c) => c.id))).toEqual([wko.case]);
    expect(new Set((await search('national.auditor@demo.test', q)).flatMap((h) => h.cases.map((c) => c.id)))).toEqual(new Set([imported.caseId, wko.case]));
  });

  it("shows an auditor their own site's trail; a national auditor every site's", async () => {
    // Something happens at Waikato only: its chair enters its meeting.
    await as['chair.waikato@demo.test']!.acknowledge(wko.meeting);
    const trail = async (who: string) => {
      const res = await as[who]!.request('GET', `/api/audit?meetingId=${wko.meeting}&action=confidentiality.acknowledge`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { rows: unknown[] }).rows;
    };
    expect(await trail('auditor@demo.test')).toEqual([]);
    expect(await trail('auditor.waikato@demo.test')).toHaveLength(1);
    expect(await trail('national.auditor@demo.test')).toHaveLength(1);
    // Canterbury's auditor sees what Canterbury's own staff tried at Waikato.
    const attempts = (await (await as['auditor@demo.test']!.request('GET', '/api/audit?action=access.refused')).json()) as { rows: { actorLabel: string }[] };
    expect(attempts.rows.length).toBeGreaterThan(0);
    const waikatoSees = (await (await as['auditor.waikato@demo.test']!.request('GET', '/api/audit?action=auth.login')).json()) as { rows: { actorId: string }[] };
    const canterburyIds = new Set((await db().user.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true } })).map((u) => u.id));
    expect(waikatoSees.rows.some((r) => canterburyIds.has(r.actorId))).toBe(false);
  });

  it('lets only auditors and administrators span sites', async () => {
    const police = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    const user = { email: 'national.chair@demo.test', displayName: 'Not allowed', role: 'CHAIR' as const, passwordHash: 'x', agencyId: police.id, siteId: wko.site, national: true };
    await expect(db().user.create({ data: user })).rejects.toThrow(/User_national_roles_only/);
  });
});
