import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentRecord, ItemAssessments } from '../../shared/api/assessments.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// An agency adds a structured assessment to an item: the configured example checklist, scored into
// a band from its weights, or professional judgement with its factors. Bad input is named.

describe('structured risk assessments on an item', () => {
  let server: TestServer;
  let police: Browserish;
  let meetingId: string;
  let itemId: string;
  let caseId: string;
  const path = () => `/api/meetings/${meetingId}/items/${itemId}/assessments`;

  beforeAll(async () => {
    server = await startTestServer();
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } }, include: { agendaItems: true } });
    meetingId = meeting.id;
    itemId = meeting.agendaItems[0]!.id;
    caseId = meeting.agendaItems[0]!.caseId;
    police = new Browserish(server.url);
    await police.login('police@demo.test');
    await police.acknowledge(meetingId);
  });
  afterAll(() => server?.stop());

  it('offers the configured checklist, and scores it into its band', async () => {
    const listed = ItemAssessments.parse(await (await police.request('GET', path())).json());
    const checklist = listed.checklists.find((c) => c.id === 'example-family-safety');
    expect(checklist?.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);

    // Weights 2 + 2 + 3 = 7: the HIGH band starts at 7.
    const answers = { q1: true, q2: true, q3: false, q4: false, q5: true, q6: false };
    const res = await police.request('POST', path(), { kind: 'CHECKLIST', checklistId: 'example-family-safety', answers });
    expect(res.status, await res.clone().text()).toBe(201);
    const made = AssessmentRecord.parse(await res.json());
    expect(made).toMatchObject({ tool: 'OTHER', name: 'Example family safety checklist', score: 7, level: 'HIGH', agency: { code: 'POLICE' } });
    expect(made.factors).toEqual([checklist!.questions[0]!.text, checklist!.questions[1]!.text, checklist!.questions[4]!.text]);

    const one = await police.request('POST', path(), { kind: 'CHECKLIST', checklistId: 'example-family-safety', answers: { ...answers, q5: false } });
    expect(AssessmentRecord.parse(await one.json())).toMatchObject({ score: 4, level: 'MEDIUM' });

    const row = await server.ctx.db.riskAssessment.findUniqueOrThrow({ where: { id: made.id } });
    expect(row).toMatchObject({ caseId, tool: 'OTHER', rawScore: 7, band: 'HIGH', level: 'HIGH', episodeId: null });
    const audit = await server.ctx.db.auditEvent.findFirst({ where: { action: 'assessment.add', subjectId: caseId }, orderBy: { seq: 'desc' } });
    expect(audit?.meetingId).toBe(meetingId);
  });

  it('records professional judgement with its factors, and lists every assessment in the item', async () => {
    const res = await police.request('POST', path(), { kind: 'PROFESSIONAL_JUDGEMENT', level: 'HIGH', factors: ['Threats to kill in text messages', 'Recent separation'] });
    expect(res.status, await res.clone().text()).toBe(201);
    const listed = ItemAssessments.parse(await (await police.request('GET', path())).json());
    expect(listed.assessments.map((a) => [a.name, a.level])).toEqual(expect.arrayContaining([
      ['Professional judgement', 'HIGH'], ['Example family safety checklist', 'HIGH'], ['Example family safety checklist', 'MEDIUM'],
    ]));
    expect(listed.assessments.find((a) => a.tool === 'PROFESSIONAL_JUDGEMENT')?.factors).toEqual(['Threats to kill in text messages', 'Recent separation']);
  });

  it('names what is wrong: an unanswered or unknown question, an unknown checklist, a judgement without factors', async () => {
    const issues = async (body: unknown) => {
      const res = await police.request('POST', path(), body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path);
    };
    expect(await issues({ kind: 'CHECKLIST', checklistId: 'example-family-safety', answers: { q1: true, q2: true, q3: true, q4: true, q5: true, q9: true } }))
      .toEqual(['answers.q6', 'answers.q9']);
    expect(await issues({ kind: 'CHECKLIST', checklistId: 'not-configured', answers: {} })).toEqual(['checklistId']);
    expect(await issues({ kind: 'PROFESSIONAL_JUDGEMENT', level: 'HIGH', factors: [] })).toEqual(['factors']);
    expect(await issues({ kind: 'PROFESSIONAL_JUDGEMENT', level: 'EXTREME', factors: ['x'] })).toEqual(['level']);
  });

  it("answers 404 for another site's meeting", async () => {
    const waikato = new Browserish(server.url);
    await waikato.login('police.waikato@demo.test');
    expect((await waikato.request('GET', path())).status).toBe(404);
    expect((await waikato.request('POST', path(), { kind: 'PROFESSIONAL_JUDGEMENT', level: 'LOW', factors: ['x'] })).status).toBe(404);
  });
});
