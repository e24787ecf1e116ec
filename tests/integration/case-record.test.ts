import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseHistory, type CaseRecord } from '../../shared/api/records.js';
import { meetingDocName, prepDocName, setPrepEntry, listItems } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireCommands } from '../support/tools.js';

const run = promisify(execFile);

// The whānau's record as a case page shows it: people, episodes, decisions, actions with their
// history, and the disclosures register; need to know decides how much; the lead agency takes it as a PDF.

describe("the whānau's record", () => {
  let server: TestServer;
  let meetingId: string;
  let caseId: string;
  let itemId: string;
  const as: Record<string, Browserish> = {};
  const clients: CollabClient[] = [];
  let tmp: string;

  const login = async (email: string) => {
    const b = new Browserish(server.url);
    expect((await b.login(email)).status).toBe(200);
    return b;
  };
  const record = async (who: Browserish, id: string) => {
    const res = await who.request('GET', `/api/cases/${id}`);
    expect(res.status).toBe(200);
    return CaseHistory.parse(await res.json());
  };

  beforeAll(async () => {
    server = await startTestServer();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'case-record-'));
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'police', 'health']) {
      as[who] = await login(`${who}@demo.test`);
      await as[who].acknowledge(meetingId);
    }
    // Police shares what it holds on the first family; Health withholds.
    const meeting = connectDoc(server.url, meetingDocName(meetingId), sessionToken(as.chair!));
    const prep = connectDoc(server.url, prepDocName(meetingId, 'POLICE'), sessionToken(as.police!));
    clients.push(meeting, prep);
    await Promise.all([synced(meeting), synced(prep)]);
    const item = listItems(meeting.doc)[0]!;
    itemId = item.id;
    caseId = (await server.ctx.db.agendaItem.findUniqueOrThrow({ where: { id: itemId } })).caseId;
    setPrepEntry(prep.doc, itemId, { kind: 'OPINION', legalBasis: 'FVA_S20', text: 'Kaitiaki at Ōtautahi station believe the risk is escalating.' });
    await waitFor(async () => (await as.police!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'SHARE' })).status === 201, 'the share recorded');
    expect((await as.health!.request('POST', `/api/meetings/${meetingId}/disclosures`, { itemId, decision: 'WITHHOLD', withheldReason: 'Clinical notes; consent not given.' })).status).toBe(201);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('shows the disclosures register: what was shared, fact or opinion, legal basis, when, at which meeting; what was withheld and why', async () => {
    const r = await record(as.police!, caseId);
    expect(r.detail).toBe('full');
    const { disclosures } = r as CaseRecord;
    const meeting = await server.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(disclosures.find((d) => d.agency.code === 'POLICE')).toMatchObject({
      status: 'SHARED', kind: 'OPINION', legalBasis: 'FVA_S20', content: 'Kaitiaki at Ōtautahi station believe the risk is escalating.',
      meetingId, meetingDate: meeting.date.toISOString().slice(0, 10),
    });
    expect(disclosures.find((d) => d.agency.code === 'HEALTH')).toMatchObject({ status: 'WITHHELD', content: null, withheldReason: 'Clinical notes; consent not given.' });
  });

  it('lists people with iwi and preferred provider, and each action with its history', async () => {
    const action = await server.ctx.db.action.findFirstOrThrow({
      where: { status: 'OPEN', case: { site: { code: 'CANTERBURY' } }, agency: { code: 'CORRECTIONS' } }, select: { id: true, caseId: true },
    });
    const corrections = await login('corrections@demo.test');
    expect((await corrections.request('PATCH', `/api/actions/${action.id}`, { status: 'IN_PROGRESS' })).status).toBe(200);
    expect((await corrections.request('PATCH', `/api/actions/${action.id}`, { status: 'DONE', outcomeNote: 'Checked with probation.' })).status).toBe(200);
    const r = (await record(as.chair!, action.caseId)) as CaseRecord;
    const a = r.actions.find((x) => x.id === action.id)!;
    expect(a.history.map((h) => [h.from, h.to, h.meetingId])).toEqual([['OPEN', 'IN_PROGRESS', null], ['IN_PROGRESS', 'DONE', null]]);
    expect(a.history[0]!.by).toContain('CORRECTIONS');
    const people = await server.ctx.db.caseMember.findMany({ where: { caseId: action.caseId }, include: { person: true } });
    for (const p of r.people) {
      const stored = people.find((m) => m.person.id === p.id)!.person;
      expect(p.iwiAffiliations).toEqual(stored.iwiAffiliations);
      expect(p.preferredKaupapaProvider).toBe(stored.preferredKaupapaProvider);
    }
  });

  it('gives an agency with no part in the family the outcome only: no people, actions or disclosures', async () => {
    const involved = await server.ctx.db.agency.findMany({
      where: { OR: [{ ledCases: { some: { id: caseId } } }, { actions: { some: { caseId } } }, { disclosures: { some: { caseId, status: 'SHARED' } } }, { decisions: { some: { caseId } } }] },
      select: { id: true },
    });
    const outsider = await server.ctx.db.user.findFirstOrThrow({ where: { role: 'REP', site: { code: 'CANTERBURY' }, agencyId: { notIn: involved.map((a) => a.id) } } });
    const body = await (await (await login(outsider.email)).request('GET', `/api/cases/${caseId}`)).json();
    expect(body).toMatchObject({ detail: 'outcome' });
    expect(JSON.stringify(body)).not.toContain('Kaitiaki');
    expect(body).not.toHaveProperty('disclosures');
    expect(body).not.toHaveProperty('people');
  });

  it('exports the whole record as a PDF for the lead agency, the chair and the coordinator, and refuses other agencies', async (ctx) => {
    if (!(await requireCommands('pdftotext'))) return ctx.skip();
    const led = await server.ctx.db.case.findFirstOrThrow({ where: { site: { code: 'CANTERBURY' }, leadAgencyId: { not: null } }, include: { leadAgency: true } });
    const leadRep = await server.ctx.db.user.findFirstOrThrow({ where: { role: 'REP', agencyId: led.leadAgencyId!, site: { code: 'CANTERBURY' } } });
    const other = await server.ctx.db.user.findFirstOrThrow({ where: { role: 'REP', agencyId: { not: led.leadAgencyId! }, site: { code: 'CANTERBURY' } } });
    const lead = await login(leadRep.email);
    const res = await lead.request('GET', `/api/cases/${led.id}/record.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tmp, 'record.pdf');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const text = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Whānau record ${led.reference}`);
    expect(text).toContain('Disclosures register');
    expect(text).toContain(`Copy for ${leadRep.displayName}`);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'export.case-record', subjectId: led.id } })).toBe(1);

    const refused = await (await login(other.email)).request('GET', `/api/cases/${led.id}/record.pdf`);
    expect(refused.status).toBe(403);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'export.refused', subjectId: led.id } })).toBe(1);
    expect((await as.chair!.request('GET', `/api/cases/${led.id}/record.pdf`)).status).toBe(200);
    expect((await (await login('chair.waikato@demo.test')).request('GET', `/api/cases/${led.id}/record.pdf`)).status).toBe(404);
  });
});
