import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDocName, planPrivateDocName } from '../../shared/meeting-doc/index.js';
import {
  addStrategy, listStrategies, planRoot, planSnapshot, planText, privateText, reviewDateOf, setStrategy,
} from '../../shared/plan-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// A family's safety plan, co-written live: two staff type into it at once over real sockets, the
// server repairs what does not parse, and its doors (the plan, its private part) let in exactly the
// agencies working with the family.

describe('the family safety plan document', () => {
  let server: TestServer;
  let caseId: string;
  const tokens: Record<string, string> = {};
  const clients: CollabClient[] = [];
  const open = async (who: string, docName: string) => {
    const client = connectDoc(server.url, docName, tokens[who]!);
    clients.push(client);
    await synced(client);
    return client;
  };
  const wsUrl = (doc: string, who?: string) => `${server.url.replace('http', 'ws')}/collab/${doc}${who ? `?token=${tokens[who]}` : ''}`;
  const status = async (doc: string, who?: string) => {
    const { status: code, ws } = await rawUpgrade(wsUrl(doc, who));
    ws?.close();
    return code;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.ctx.db;
    // A Canterbury family nobody has acted for yet: Police leads it, Oranga Tamariki and the victim
    // specialist each hold an action; Health has no part in it.
    const item = await db.agendaItem.findFirstOrThrow({
      where: { meeting: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } }, case: { decisions: { none: {} }, actions: { none: {} }, disclosures: { none: {} } } },
      select: { caseId: true },
    });
    caseId = item.caseId;
    const agency = (code: string) => db.agency.findUniqueOrThrow({ where: { code }, select: { id: true } });
    await db.case.update({ where: { id: caseId }, data: { leadAgencyId: (await agency('POLICE')).id } });
    for (const code of ['OT', 'VICTIM_SPECIALIST']) {
      await db.action.create({ data: { caseId, agencyId: (await agency(code)).id, type: 'Safety plan', description: 'Visit the whānau', dueDate: new Date('2026-12-01') } });
    }
    for (const who of ['chair', 'police', 'ot', 'victim', 'health', 'auditor', 'chair.waikato']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      tokens[who] = sessionToken(b);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  it('lets two agencies co-write it live, the server having made its sections', async () => {
    const police = await open('police', planDocName(caseId));
    const ot = await open('ot', planDocName(caseId));
    await waitFor(() => planText(police.doc, 'risks') !== null && planText(ot.doc, 'risks') !== null, 'the seeded sections');

    planText(police.doc, 'risks')!.insert(0, 'Strangulation reported twice. ');
    planText(ot.doc, 'children')!.insert(0, 'Aroha (6) and Tāne (3) stay with their kuia on weekends.');
    const strategyId = addStrategy(ot.doc, { text: 'Home visit by the OT social worker', agency: 'OT', due: '2026-12-10', status: 'PLANNED' });
    await waitFor(() => listStrategies(police.doc).length === 1, 'the strategy at Police');
    setStrategy(police.doc, strategyId, { status: 'IN_PROGRESS' });
    planText(police.doc, 'risks')!.insert(planText(police.doc, 'risks')!.length, 'Weapons in the house.');

    const expected = {
      risks: 'Strangulation reported twice. Weapons in the house.',
      strategies: [{ id: strategyId, text: 'Home visit by the OT social worker', agency: 'OT', due: '2026-12-10', status: 'IN_PROGRESS' }],
      children: 'Aroha (6) and Tāne (3) stay with their kuia on weekends.',
      reviewDate: null,
    };
    await waitFor(() => JSON.stringify(planSnapshot(ot.doc)) === JSON.stringify(expected), 'both edits at OT');
    expect(planSnapshot(police.doc)).toEqual(expected);

    // What they wrote is stored: a third person opening it later reads it all.
    const chair = await open('chair', planDocName(caseId));
    await waitFor(() => planSnapshot(chair.doc).risks === expected.risks, 'the plan at the chair');
    expect(planSnapshot(chair.doc)).toEqual(expected);

    // Each stored edit names its writer's account, as a meeting's name their participant.
    await server.ctx.docs.persistence.flush();
    const written = await server.ctx.db.docUpdate.findMany({ where: { doc: planDocName(caseId), userId: { not: null } }, select: { user: { select: { email: true } } } });
    expect(new Set(written.map((row) => row.user?.email))).toEqual(new Set(['police@demo.test', 'ot@demo.test']));
  });

  it('puts back what does not parse: a bad review date, a strategy status, a section replaced', async () => {
    const police = await open('police', planDocName(caseId));
    await waitFor(() => listStrategies(police.doc).length === 1, 'the plan at Police');
    const [strategy] = listStrategies(police.doc);
    police.doc.transact(() => {
      planRoot(police.doc, 'plan').set('reviewDate', 'next Tuesday');
      setStrategy(police.doc, strategy!.id, { status: 'WHENEVER' as 'DONE' });
      planRoot(police.doc, 'plan').set('children', 'a plain string');
      police.doc.getMap('elsewhere').set('x', 1);
    });
    await waitFor(() => reviewDateOf(police.doc) === null && listStrategies(police.doc)[0]?.status === 'PLANNED', 'the repair');
    await waitFor(() => planText(police.doc, 'children')?.toString() === 'a plain string', 'the text put back as a text');
    expect(police.doc.getMap('elsewhere').size).toBe(0);
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'collab.repair', subjectId: planDocName(caseId) } })) > 0, 'the repair audited');

    // A valid date stays.
    planRoot(police.doc, 'plan').set('reviewDate', '2027-01-15');
    const chair = await open('chair', planDocName(caseId));
    await waitFor(() => reviewDateOf(chair.doc) === '2027-01-15', 'the review date at the chair');
  });

  it('keeps the victim\'s voice and safe contact to the lead agency and the victim specialist', async () => {
    const police = await open('police', planPrivateDocName(caseId));
    const victim = await open('victim', planPrivateDocName(caseId));
    await waitFor(() => privateText(police.doc, 'voice') !== null && privateText(victim.doc, 'voice') !== null, 'the private sections');
    privateText(victim.doc, 'voice')!.insert(0, 'Mere wants to stay in the house with the tamariki.');
    privateText(police.doc, 'safeContact')!.insert(0, 'Text her sister first; never call after 5 pm.');
    await waitFor(() => privateText(police.doc, 'voice')!.toString().startsWith('Mere wants') &&
      privateText(victim.doc, 'safeContact')!.toString().startsWith('Text her sister'), 'both edits on both sides');

    // Working with the family is not enough for this part.
    expect(await status(planPrivateDocName(caseId), 'ot')).toBe(403);
    expect(await status(planPrivateDocName(caseId), 'health')).toBe(403);
    // And the shared plan never carries it.
    const ot = await open('ot', planDocName(caseId));
    await waitFor(() => planText(ot.doc, 'risks') !== null, 'the plan at OT');
    expect(JSON.stringify(ot.doc.toJSON())).not.toContain('Mere wants');
  });

  it('refuses everyone else before the upgrade: no part in the family, another site, auditors, no session', async () => {
    expect(await status(planDocName(caseId), 'health')).toBe(403);
    expect(await status(planDocName(caseId), 'chair.waikato')).toBe(404);
    expect(await status(planDocName(caseId), 'auditor')).toBe(403);
    expect(await status(planDocName(caseId))).toBe(401);
    expect(await status(planDocName('00000000-0000-4000-8000-000000000000'), 'police')).toBe(404);
    expect(await status(`plan:${caseId}:POLICE`, 'police')).toBe(400);
    const refusals = () => server.ctx.db.auditEvent.count({ where: { action: 'collab.refused', subjectId: planDocName(caseId) } });
    await waitFor(async () => (await refusals()) >= 4, 'the four refusals audited');
  });

  it('keeps a closed case\'s plan as it was, once the whānau is on no open meeting\'s agenda', async () => {
    const db = server.ctx.db;
    const police = new Browserish(server.url);
    await police.login('police@demo.test');
    const kept = async () => ((await (await police.request('GET', `/api/cases/${caseId}`)).json()) as { planKept: boolean }).planKept;
    await db.case.update({ where: { id: caseId }, data: { status: 'CLOSED' } });
    // Still on today's agenda (a new episode joins a closed case): the meeting may still write it.
    expect(await kept()).toBe(false);

    const meeting = await db.meeting.findFirstOrThrow({ where: { agendaItems: { some: { caseId } }, status: { not: 'CLOSED' } } });
    await db.meeting.update({ where: { id: meeting.id }, data: { status: 'CLOSED' } });
    expect(await kept()).toBe(true);
    const stored = async () => {
      await server.ctx.docs.persistence.flush();
      return db.docUpdate.count({ where: { doc: planDocName(caseId) } });
    };
    const ot = await open('ot', planDocName(caseId));
    const before = await stored();
    const late = await open('police', planDocName(caseId));
    planText(late.doc, 'risks')!.insert(0, 'Written after the case closed. ');
    await new Promise((r) => setTimeout(r, 300));
    expect(await stored()).toBe(before);
    expect(planText(ot.doc, 'risks')!.toString()).not.toContain('after the case closed');
  });
});

