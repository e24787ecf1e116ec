import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorrectionView, PrivacyReport } from '../../shared/api/privacy.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireCommands } from '../support/tools.js';

const run = promisify(execFile);

// A privacy officer's answer to a request for everything held about one person: every place the
// person appears (families, episodes, decisions, actions, disclosures, minutes, audit) and nobody
// else's details, each withholding marked.

const OWN = { givenName: 'Ngaio', familyName: 'Pōtae-Rua' };
const OTHER = { givenName: 'Hēmi', familyName: 'Kereama', policePersonRef: 'PPR-5550101' };

describe('privacy requests', () => {
  let server: TestServer;
  let auditor: Browserish;
  let chair: Browserish;
  let personId: string;
  let caseId: string;
  let tmp: string;
  const db = () => server.ctx.db;
  const report = (id: string, query: string, who = auditor) => who.request('GET', `/api/people/${id}/privacy-report?${query}`);

  beforeAll(async () => {
    server = await startTestServer();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'privacy-'));
    auditor = new Browserish(server.url);
    chair = new Browserish(server.url);
    expect((await auditor.login('auditor@demo.test')).status).toBe(200);
    expect((await chair.login('chair@demo.test')).status).toBe(200);
    // A family decided at the closed meeting, whose episode has both people.
    const decision = await db().decision.findFirstOrThrow({
      where: { case: { site: { code: 'CANTERBURY' }, episodes: { some: { personAtRiskId: { not: null }, personUsingViolenceId: { not: null } } } } },
      include: { case: { include: { episodes: true } } },
    });
    caseId = decision.caseId;
    const episode = decision.case.episodes.find((e) => e.personAtRiskId && e.personUsingViolenceId)!;
    personId = episode.personAtRiskId!;
    await db().person.update({ where: { id: personId }, data: OWN });
    await db().person.update({ where: { id: episode.personUsingViolenceId! }, data: OTHER });
    await db().decision.update({ where: { id: decision.id }, data: { rationale: `${OTHER.givenName} ${OTHER.familyName} breached the order; ${OWN.givenName} wants a safety plan.` } });
    const police = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    await db().action.create({ data: { caseId, agencyId: police.id, type: 'Check-in', description: `Serve the order on ${OTHER.givenName}.`, dueDate: new Date('2040-01-10T00:00:00Z') } });
    // Someone opened the family's page: the audit trail holds that.
    expect((await chair.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('lists every place the person appears and no one else’s details, each withholding marked, and audits it', async () => {
    const res = await report(personId, 'requestRef=PR-2026-0042');
    expect(res.status, await res.clone().text()).toBe(200);
    const raw = await res.text();
    const r = PrivacyReport.parse(JSON.parse(raw));

    expect(r.person).toMatchObject(OWN);
    const memberships = await db().caseMember.findMany({ where: { personId }, include: { case: true } });
    expect(r.cases.map((c) => c.reference).sort()).toEqual(memberships.map((m) => m.case.reference).sort());
    const caseIds = memberships.map((m) => m.caseId);
    const episodes = await db().episode.findMany({ where: { OR: [{ personAtRiskId: personId }, { personUsingViolenceId: personId }] } });
    expect(r.episodes.map((e) => e.policeRef).sort()).toEqual(episodes.map((e) => e.policeRef).sort());
    expect(r.decisions).toHaveLength(await db().decision.count({ where: { caseId: { in: caseIds } } }));
    expect(r.actions).toHaveLength(await db().action.count({ where: { caseId: { in: caseIds } } }));
    expect(r.disclosures).toHaveLength(await db().disclosure.count({ where: { caseId: { in: caseIds } } }));
    expect(r.minutes.map((m) => m.caseReference)).toHaveLength(await db().agendaItem.count({ where: { caseId: { in: caseIds } } }));
    expect(r.audit).toContainEqual(expect.objectContaining({ action: 'records.view', subjectType: 'Case' }));

    // Nobody else: not the other person's names or reference, in any field.
    for (const value of [OTHER.givenName, OTHER.familyName, OTHER.policePersonRef]) expect(raw).not.toContain(value);
    const decision = r.decisions.find((d) => d.rationale.withheld > 0)!;
    expect(decision.rationale.text).toBe(`[withheld: another person] [withheld: another person] breached the order; ${OWN.givenName} wants a safety plan.`);
    expect(r.actions.some((a) => a.description.text === 'Serve the order on [withheld: another person].')).toBe(true);
    expect(r.withholdings).toContainEqual(expect.objectContaining({ where: `Decision on ${decision.caseReference}, version ${decision.version}: rationale` }));
    expect(r.withholdings.some((w) => w.where.startsWith('Episode ') && w.what === 'the other person in the episode')).toBe(true);
    expect(r.cases.every((c) => c.otherMembers.every((m) => m.withheld))).toBe(true);

    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'privacy.report', subjectId: personId } });
    expect(event.details).toMatchObject({ requestRef: 'PR-2026-0042', format: 'json', sha256: createHash('sha256').update(raw).digest('hex') });
  });

  it('gives the same as a PDF', async ({ skip }) => {
    const res = await report(personId, 'requestRef=PR-2026-0042&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    if (!(await requireCommands('pdftotext'))) return skip();
    const file = path.join(tmp, 'report.pdf');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`${OWN.givenName} ${OWN.familyName}`);
    expect(text).toContain('[withheld: another person]');
    expect(text).not.toContain(OTHER.familyName);
  });

  it('refuses another site’s person (404), another role (403), and a request without its reference (400 naming it)', async () => {
    const waikato = await db().person.findFirstOrThrow({ where: { site: { code: 'WAIKATO' } } });
    expect((await report(waikato.id, 'requestRef=PR-1')).status).toBe(404);
    expect((await report(personId, 'requestRef=PR-1', chair)).status).toBe(403);
    const bad = await report(personId, '');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('requestRef');
  });

  it('records a correction request, corrects the record, and attaches a statement when declined', async () => {
    const asked = await auditor.request('POST', `/api/people/${personId}/corrections`, { requestRef: 'PR-2026-0043', requestedChange: 'My family name is spelt Pōtae-Ruā, and I did not threaten anyone.' });
    expect(asked.status, await asked.clone().text()).toBe(201);
    const first = CorrectionView.parse(await asked.json());
    expect(first.status).toBe('REQUESTED');

    const corrected = await auditor.request('POST', `/api/corrections/${first.id}/decision`, { decision: 'CORRECT', fields: { familyName: 'Pōtae-Ruā' }, note: 'Spelling confirmed from the police record.' });
    expect(corrected.status, await corrected.clone().text()).toBe(200);
    expect(CorrectionView.parse(await corrected.json())).toMatchObject({ status: 'CORRECTED', correction: { familyName: { from: OWN.familyName, to: 'Pōtae-Ruā' } } });
    expect((await db().person.findUniqueOrThrow({ where: { id: personId } })).familyName).toBe('Pōtae-Ruā');
    const again = await auditor.request('POST', `/api/corrections/${first.id}/decision`, { decision: 'CORRECT', fields: { familyName: 'X' } });
    expect(again.status).toBe(409);

    const second = CorrectionView.parse(await (await auditor.request('POST', `/api/people/${personId}/corrections`, { requestRef: 'PR-2026-0043', requestedChange: 'The rationale says I want a safety plan; I did not ask for one.' })).json());
    const missing = await auditor.request('POST', `/api/corrections/${second.id}/decision`, { decision: 'DECLINE', note: 'The minute records what was said.' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('statement');
    const declined = await auditor.request('POST', `/api/corrections/${second.id}/decision`, {
      decision: 'DECLINE', note: 'The minute records what was said at the meeting.', statement: 'Ngaio says she did not ask for a safety plan at that time.',
    });
    expect(declined.status).toBe(200);

    // Both are in the person's report: the correction made, and the statement attached.
    const r = PrivacyReport.parse(await (await report(personId, 'requestRef=PR-2026-0044')).json());
    expect(r.corrections.map((c) => c.status)).toEqual(['CORRECTED', 'DECLINED']);
    expect(r.corrections[1]!.statement).toBe('Ngaio says she did not ask for a safety plan at that time.');
    expect(await db().auditEvent.count({ where: { subjectId: personId, action: { in: ['privacy.correction-requested', 'privacy.corrected', 'privacy.correction-declined'] } } })).toBe(4);

    const waikato = await db().person.findFirstOrThrow({ where: { site: { code: 'WAIKATO' } } });
    expect((await auditor.request('POST', `/api/people/${waikato.id}/corrections`, { requestRef: 'PR-1', requestedChange: 'Not ours' })).status).toBe(404);
  });
});
