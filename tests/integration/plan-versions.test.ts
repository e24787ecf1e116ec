import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanComparison, PlanVersionDetail, PlanVersionSummary } from '../../shared/api/plan.js';
import { strFromU8, unzipSync } from 'fflate';
import type * as Y from 'yjs';
import {
  addAction, getItem, itemSnapshot, listItems, meetingDocName, planDocName, planPrivateDocName, rationaleText, setFields,
} from '../../shared/meeting-doc/index.js';
import { addStrategy, listStrategies, planText, privateText, reviewDateOf, setReviewDate, setStrategy } from '../../shared/plan-doc/index.js';
import { recordedBand } from '../../shared/rules/decision-rules.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Each decision about a family keeps its safety plan as a version; versions are listed and any two
// compared field by field, over REST; the private part only for the lead agency and the victim specialist.

describe('safety plan versions at decision', () => {
  let server: TestServer;
  let meetingId: string;
  let itemId: string;
  let caseId: string;
  let chair: ControlClient;
  const as: Record<string, Browserish> = {};
  const clients: CollabClient[] = [];
  const open = async (who: string, name: string) => {
    const c = connectDoc(server.url, name, sessionToken(as[who]!));
    clients.push(c);
    await synced(c);
    return c;
  };
  const get = async <T,>(who: string, path: string): Promise<{ status: number; body: T }> => {
    const res = await as[who]!.request('GET', path);
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'police', 'health', 'victim', 'chair.waikato']) {
      as[who] = new Browserish(server.url);
      await as[who].login(`${who}@demo.test`);
      if (who !== 'chair.waikato') await as[who].acknowledge(meetingId);
    }
    chair = connectControl(server.url, meetingId, sessionToken(as.chair!));
    expect(await handshakeOutcome(chair)).toBe('connected');
    expect(await chair.send('meeting:start', {})).toMatchObject({ ok: true });
    const meeting = await open('chair', meetingDocName(meetingId));
    const pending = listItems(meeting.doc).find((i) => itemSnapshot(i).status === 'PENDING')!;
    itemId = pending.id;
    caseId = itemSnapshot(pending).caseId;
  });
  afterAll(async () => {
    chair?.close();
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  const onServer = (check: (doc: Y.Doc) => boolean) => server.ctx.docs.withDoc({ kind: 'plan', caseId }, ({ doc }) => check(doc));

  async function decide(lead: string, rationale: string): Promise<void> {
    const meeting = clients[0]!.doc;
    const it = getItem(meeting, itemId)!;
    setFields(it, { riskLevel: recordedBand(itemSnapshot(it)) ?? 'MEDIUM', pathway: 'LEAD_AGENCY_RESPONSE', leadAgency: lead });
    const text = rationaleText(it);
    text.delete(0, text.length);
    text.insert(0, rationale);
    if (itemSnapshot(it).actions.length === 0) {
      addAction(it, { type: 'Safety plan', agency: lead, due: '2040-02-01', description: 'Keep the safety plan with the whānau.' });
    }
    if (itemSnapshot(it).status === 'DECIDED') expect(await chair.send('item:reopen', { itemId })).toMatchObject({ ok: true });
    await waitFor(async () => (await chair.send('item:finalize', { itemId })).ok, 'the finalize');
  }

  it('keeps the plan as it stood at each decision, and compares two versions field by field', async () => {
    const plan = await open('chair', planDocName(caseId));
    await waitFor(() => planText(plan.doc, 'risks') !== null, 'the seeded plan');
    planText(plan.doc, 'risks')!.insert(0, 'Threats to kill after the separation.');
    const strategy = addStrategy(plan.doc, { text: 'Trespass notice served at the house', agency: 'POLICE', due: '2040-01-20', status: 'PLANNED' });
    setReviewDate(plan.doc, '2040-02-15');
    await waitFor(() => onServer((doc) => reviewDateOf(doc) === '2040-02-15'), 'the plan on the server');
    await decide('POLICE', 'Police to lead while the trespass notice is served.');

    const first = await get<PlanVersionSummary[]>('chair', `/api/cases/${caseId}/plan/versions`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(1);
    const decision = await server.ctx.db.decision.findFirstOrThrow({ where: { agendaItemId: itemId, supersededAt: null } });
    expect(first.body[0]).toMatchObject({ version: 1, decisionId: decision.id });

    // The lead agency (Police now) writes the private part; the plan moves on; the next decision keeps it.
    const priv = await open('police', planPrivateDocName(caseId));
    await waitFor(() => privateText(priv.doc, 'voice') !== null, 'the private part');
    privateText(priv.doc, 'voice')!.insert(0, 'Hinewai wants the children to keep seeing their koro.');
    setStrategy(plan.doc, strategy, { status: 'DONE' });
    planText(plan.doc, 'children')!.insert(0, 'School told who may collect them.');
    const second = addStrategy(plan.doc, { text: "Refuge advocate's weekly call", agency: 'FV_NGO', due: null, status: 'IN_PROGRESS' });
    await waitFor(() => listStrategies(plan.doc).length === 2, 'the second strategy');
    await waitFor(() => onServer((doc) => listStrategies(doc).length === 2), 'the plan on the server');
    await waitFor(() => server.ctx.docs.withDoc({ kind: 'plan-private', caseId }, ({ doc }) => privateText(doc, 'voice')!.length > 0), 'the private part on the server');
    await decide('POLICE', 'Police to lead; the refuge advocate calls weekly.');

    const versions = (await get<PlanVersionSummary[]>('police', `/api/cases/${caseId}/plan/versions`)).body;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const [v2, v1] = versions;
    const detail = await get<PlanVersionDetail>('police', `/api/cases/${caseId}/plan/versions/${v2!.id}`);
    expect(detail.body.content.risks).toBe('Threats to kill after the separation.');
    expect(detail.body.privateContent?.voice).toBe('Hinewai wants the children to keep seeing their koro.');

    const compared = await get<PlanComparison>('police', `/api/cases/${caseId}/plan/compare?from=${v1!.id}&to=${v2!.id}`);
    expect(compared.status).toBe(200);
    expect(compared.body.changes).toEqual([
      { field: 'strategy.status', strategyId: strategy, from: 'PLANNED', to: 'DONE' },
      { field: 'strategy', strategyId: second, from: null, to: "Refuge advocate's weekly call · FV_NGO · IN_PROGRESS" },
      { field: 'children', strategyId: null, from: '', to: 'School told who may collect them.' },
      { field: 'voice', strategyId: null, from: '', to: 'Hinewai wants the children to keep seeing their koro.' },
    ]);

    // The chair (Police here, the lead) sees it too; the victim specialist, with no part in this family, does not.
    expect((await get('victim', `/api/cases/${caseId}/plan/versions`)).status).toBe(403);
    expect((await get('health', `/api/cases/${caseId}/plan/versions/${v2!.id}`)).status).toBe(403);
    expect((await get('chair.waikato', `/api/cases/${caseId}/plan/versions`)).status).toBe(404);
    // The lead agency takes the plan away as PDF and Word, each audited; nobody else does.
    const pdf = await as.police!.request('GET', `/api/cases/${caseId}/plan.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await as.police!.request('GET', `/api/cases/${caseId}/plan.docx`);
    expect(docx.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!);
    for (const text of ['Threats to kill after the separation.', 'Trespass notice served at the house', 'Hinewai wants the children']) expect(xml).toContain(text);
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'export.plan', subjectId: caseId } })) === 2, 'both exports audited');
    expect((await as.health!.request('GET', `/api/cases/${caseId}/plan.pdf`)).status).toBe(403);

    const bad = await get<{ error: { fields?: { field: string }[] } }>('police', `/api/cases/${caseId}/plan/compare?from=nope&to=${v2!.id}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });
});
