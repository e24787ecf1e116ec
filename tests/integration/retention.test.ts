import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DisposalCertificate, DueBatch } from '../../shared/api/retention.js';
import { getField, getItem, getPrepEntry, listItems, rationaleText, setPrepEntry } from '../../shared/meeting-doc/index.js';
import { addStrategy, planText, privateText } from '../../shared/plan-doc/index.js';
import { DocPersistence } from '../../server/collab/persistence.js';
import { readPlan, snapshotPlan } from '../../server/records/plan-versions.js';
import { storeRecordCopy } from '../../server/exports/record-copy.js';
import { createLogger } from '../../server/logger.js';
import { DueCheck } from '../../server/retention/due-check.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireCommands } from '../support/tools.js';

const run = promisify(execFile);

// A closed case past its retention period is anonymised everywhere it appeared: its people,
// episodes, decisions, actions and disclosures, the meeting document and an agency's preparation
// (loaded from the store, and in the stored bytes themselves), the stored minutes, and its safety
// plan (documents deleted, even while someone has it open; versions without their text). A case
// under a legal hold is untouched, and the disposal certificate sits in an audit chain that verifies.

const GIVEN = 'Whetūrangi';
const FAMILY = "O'Tapsell-Ōtautahi";
const HELD_FAMILY = 'Kōwhai-Ngārimu';
const EIGHT_YEARS_AGO = "now() - interval '8 years'";

describe('retention: disposal of a closed case past its retention period', () => {
  let server: TestServer;
  let admin: Browserish;
  let chair: Browserish;
  let meetingId: string;
  let caseId: string;
  let heldCaseId: string;
  let itemId: string;
  let personIds: string[];
  let heldPersonIds: string[];
  let tmp: string;
  let planClient: CollabClient;
  const planCloses: number[] = [];
  const open: CollabClient[] = [];
  const db = () => server.ctx.db;

  const storedBytes = async (doc: string) => {
    const rows = [
      ...(await db().docSnapshot.findMany({ where: { doc } })).map((r) => r.state),
      ...(await db().docUpdate.findMany({ where: { doc } })).map((r) => r.bytes),
    ];
    return Buffer.concat(rows.map((b) => Buffer.from(b)));
  };
  const loadDoc = async (doc: string) => {
    const state = await new DocPersistence(server.ctx.sql, createLogger('silent')).load(doc);
    const ydoc = new Y.Doc();
    if (state) Y.applyUpdate(ydoc, state);
    return ydoc;
  };
  const pdfText = async (bytes: Uint8Array) => {
    const file = path.join(tmp, `${Date.now()}.pdf`);
    await writeFile(file, bytes);
    return (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout;
  };
  const closeLongAgo = async (id: string, family: string) => {
    const members = await db().caseMember.findMany({ where: { caseId: id }, select: { personId: true } });
    const ids = [...new Set(members.map((m) => m.personId))];
    await db().person.updateMany({ where: { id: { in: ids } }, data: { familyName: family, nameKey: `${GIVEN} ${family}`.toLowerCase() } });
    // Closed by the meeting's decision, eight years ago.
    await db().$executeRawUnsafe(`UPDATE "Case" SET status = 'CLOSED', "createdAt" = ${EIGHT_YEARS_AGO} WHERE id = $1`, id);
    await db().$executeRawUnsafe(`UPDATE "Decision" SET "decidedAt" = ${EIGHT_YEARS_AGO} WHERE "caseId" = $1`, id);
    return ids;
  };
  const due = async (who = admin, siteId?: string) => {
    const res = await who.request('GET', `/api/retention/due${siteId ? `?siteId=${siteId}` : ''}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DueBatch;
  };

  beforeAll(async () => {
    server = await startTestServer();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'retention-'));
    admin = new Browserish(server.url);
    chair = new Browserish(server.url);
    expect((await admin.login('admin@demo.test')).status).toBe(200);
    expect((await chair.login('chair@demo.test')).status).toBe(200);

    const meeting = await db().meeting.findFirstOrThrow({
      where: { status: 'CLOSED', site: { code: 'CANTERBURY' } },
      include: { agendaItems: { include: { decisions: true }, orderBy: { rank: 'asc' } } },
    });
    meetingId = meeting.id;
    const [item, other] = meeting.agendaItems.filter((i) => i.decisions.length > 0);
    itemId = item!.id;
    caseId = item!.caseId;
    heldCaseId = other!.caseId;
    personIds = await closeLongAgo(caseId, FAMILY);
    await db().person.updateMany({ where: { id: { in: personIds } }, data: { givenName: GIVEN } });
    heldPersonIds = await closeLongAgo(heldCaseId, HELD_FAMILY);
    await db().episode.updateMany({ where: { caseId }, data: { summary: `${GIVEN} called from a neighbour's house.` } });
    await db().decision.updateMany({ where: { caseId }, data: { rationale: `${GIVEN} ${FAMILY} asked for a safety plan.` } });
    await db().action.updateMany({ where: { caseId }, data: { description: `Visit ${GIVEN} at home.`, assignee: 'Aroha Te Whare' } });

    // The meeting's document and Police's preparation, as the day left them: opened, typed into.
    const client = connectDoc(server.url, `meeting:${meetingId}`, sessionToken(chair));
    open.push(client);
    await synced(client);
    await waitFor(() => getItem(client.doc, itemId) !== null, 'the item in the document');
    await server.ctx.docs.withDoc({ kind: 'meeting', meetingId }, ({ doc }) => {
      rationaleText(getItem(doc, itemId)!).insert(0, `${GIVEN} said the protection order was breached. `);
    });
    await server.ctx.docs.withDoc({ kind: 'prep', meetingId, agencyCode: 'POLICE' }, ({ doc }) => {
      setPrepEntry(doc, itemId, { kind: 'FACT', legalBasis: 'FVA_S20', text: `Police hold two call-outs for ${GIVEN} ${FAMILY}.` });
    });
    // The family's safety plan: typed into by a chair who still has it open, its private part, and a version at the decision.
    planClient = connectDoc(server.url, `plan:${caseId}`, sessionToken(chair));
    open.push(planClient);
    planClient.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) planCloses.push(event.code);
    });
    await synced(planClient);
    await waitFor(() => planText(planClient.doc, 'risks') !== null, 'the plan sections');
    planText(planClient.doc, 'risks')!.insert(0, `${GIVEN} ${FAMILY} fears the return home. `);
    addStrategy(planClient.doc, { text: `A safe room at ${GIVEN}'s kuia's house`, agency: 'POLICE', due: '2018-02-01', status: 'DONE' });
    await server.ctx.docs.withDoc({ kind: 'plan-private', caseId }, ({ doc }) => {
      privateText(doc, 'voice')!.insert(0, `${GIVEN} wants to stay in Ōtautahi.`);
    });
    await waitFor(async () => (await storedBytes(`plan:${caseId}`)).includes(Buffer.from(GIVEN)), 'the plan stored');
    const plan = await readPlan(server.ctx.docs.withDoc, caseId);
    const decision = await db().decision.findFirstOrThrow({ where: { caseId } });
    await db().$transaction((tx) => snapshotPlan(tx, caseId, decision.id, plan));
    await server.ctx.docs.persistence.flush();
    const chairUser = await db().user.findFirstOrThrow({ where: { email: 'chair@demo.test' } });
    await storeRecordCopy(db(), meetingId, chairUser.id);
  });

  afterAll(async () => {
    for (const c of open) c.destroy();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('lists the closed case as due and the held one as held, and listing (the dry run) changes nothing', async () => {
    const hold = await admin.request('PUT', `/api/cases/${heldCaseId}/legal-hold`, { reason: 'Coroner’s inquest CHC-2019-44' });
    expect(hold.status, await hold.clone().text()).toBe(200);

    const before = await db().person.findMany({ where: { id: { in: personIds } }, orderBy: { id: 'asc' } });
    const bytesBefore = await storedBytes(`meeting:${meetingId}`);
    expect(bytesBefore.includes(Buffer.from(FAMILY)), 'the stored document holds the name before').toBe(true);
    expect((await storedBytes(`prep:${meetingId}:POLICE`)).includes(Buffer.from(GIVEN))).toBe(true);

    const batch = await due();
    expect(batch.items).toContainEqual(expect.objectContaining({ kind: 'closedCase', id: caseId }));
    expect(batch.items.some((i) => i.id === heldCaseId)).toBe(false);
    expect(batch.held).toContainEqual(expect.objectContaining({ kind: 'closedCase', id: heldCaseId, hold: expect.objectContaining({ reason: 'Coroner’s inquest CHC-2019-44' }) }));
    // Names never appear in the list: kinds, references and dates only.
    expect(JSON.stringify(batch)).not.toContain(FAMILY);

    expect(await db().person.findMany({ where: { id: { in: personIds } }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await storedBytes(`meeting:${meetingId}`)).toEqual(bytesBefore);
  });

  it('lists the same by command (npm run retention -- --dry-run), changing nothing', async ({ skip }) => {
    const url = server.ctx.config.DATABASE_URL;
    if (!url) return skip(); // the embedded database is the server's alone while it runs
    const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), ['scripts/retention.ts', '--dry-run', '--site', 'CANTERBURY'], {
      env: { ...process.env, DATABASE_URL: url, DATA_DIR: server.ctx.config.DATA_DIR, LOG_LEVEL: 'silent' },
    });
    const [due, held] = await Promise.all([caseId, heldCaseId].map((id) => db().case.findUniqueOrThrow({ where: { id } })));
    expect(stdout).toMatch(new RegExp(`due\\s+closedCase\\s+Case ${due!.reference}`));
    expect(stdout).toContain(`Case ${held!.reference}: hold on ${held!.reference}: Coroner’s inquest CHC-2019-44`);
    expect(stdout).not.toContain(FAMILY);
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).anonymisedAt).toBeNull();
  });

  it('the scheduled check records what is due once per interval, however many processes run it', async () => {
    const check = () => new DueCheck(db(), server.ctx.audit, server.ctx.retention, 60_000, createLogger('silent'));
    const [a, b] = await Promise.all([check().runOnce(), check().runOnce()]);
    expect(a + b).toBe(1); // Canterbury has something due; Waikato nothing
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'retention.due' }, orderBy: { seq: 'desc' } });
    expect(event.details).toMatchObject({ due: { closedCase: 1 }, held: 1 });
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).anonymisedAt).toBeNull();
  });

  it('refuses a batch with a held case, naming the hold; a forged hash; another site; and non-administrators', async () => {
    const site = await db().site.findFirstOrThrow({ where: { code: 'CANTERBURY' } });
    const { batchHashOf } = await import('../../server/retention/due-list.js');
    const items = [{ kind: 'closedCase' as const, id: heldCaseId }];
    const held = await admin.request('POST', '/api/retention/disposals', { siteId: site.id, batchHash: batchHashOf(items), items });
    expect(held.status).toBe(409);
    const body = (await held.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('LEGAL_HOLD');
    expect(body.error.message).toContain('Coroner’s inquest CHC-2019-44');

    const forged = await admin.request('POST', '/api/retention/disposals', { siteId: site.id, batchHash: 'a'.repeat(64), items });
    expect(forged.status).toBe(400);
    expect(JSON.stringify(await forged.json())).toContain('batchHash');

    const other = await db().site.findFirstOrThrow({ where: { code: 'WAIKATO' } });
    expect((await admin.request('GET', `/api/retention/due?siteId=${other.id}`)).status).toBe(404);
    expect((await chair.request('GET', '/api/retention/due')).status).toBe(403);
  });

  it('anonymises the case everywhere it appeared and records a certificate in a verifying audit chain', async ({ skip }) => {
    const batch = await due();
    const res = await admin.request('POST', '/api/retention/disposals', { siteId: batch.siteId, batchHash: batch.batchHash, items: batch.items.map(({ kind, id }) => ({ kind, id })) });
    expect(res.status, await res.clone().text()).toBe(201);
    const certificate = (await res.json()) as DisposalCertificate;
    expect(certificate.kinds).toContainEqual({ kind: 'closedCase', rule: { after: 'caseClosed', keepFor: 'P7Y', then: 'anonymise' }, count: batch.items.filter((i) => i.kind === 'closedCase').length });
    expect(certificate.effects.people).toBeGreaterThan(0);
    expect(certificate.effects.documentsRewritten).toBe(2);
    expect(certificate.effects.planDocumentsDeleted).toBe(2);
    expect(certificate.effects.planVersions).toBe(1);
    expect(certificate.effects.minutesReplaced).toBeGreaterThan(0);

    // The records.
    for (const p of await db().person.findMany({ where: { id: { in: personIds } } })) {
      expect(JSON.stringify(p)).not.toMatch(new RegExp(`${GIVEN}|${FAMILY}`));
      expect(p.dob).toBeNull();
      expect(p.policePersonRef).toBeNull();
    }
    const records = await db().case.findUniqueOrThrow({ where: { id: caseId }, include: { episodes: true, decisions: true, actions: true, disclosures: true } });
    expect(records.anonymisedAt).not.toBeNull();
    expect(JSON.stringify(records)).not.toMatch(new RegExp(`${GIVEN}|${FAMILY}|Aroha`));
    // The people search finds nobody by those names.
    const search = await chair.request('GET', `/api/people/search?q=${encodeURIComponent(FAMILY)}`);
    expect(JSON.stringify(await search.json())).not.toContain(FAMILY);

    // The meeting document, loaded from the store, and the stored bytes (no update log is left behind).
    const doc = await loadDoc(`meeting:${meetingId}`);
    const item = getItem(doc, itemId)!;
    expect(JSON.stringify(getField(item, 'episodes'))).not.toMatch(new RegExp(`${GIVEN}|${FAMILY}`));
    expect(rationaleText(item).toString()).toBe('Removed under the retention schedule');
    expect(listItems(doc).length).toBeGreaterThan(1); // the other families' items are still there
    const bytes = await storedBytes(`meeting:${meetingId}`);
    expect(bytes.includes(Buffer.from(FAMILY))).toBe(false);
    expect(bytes.includes(Buffer.from(GIVEN))).toBe(false);
    expect(await db().docUpdate.count({ where: { doc: `meeting:${meetingId}` } })).toBe(0);
    const prep = await loadDoc(`prep:${meetingId}:POLICE`);
    expect(getPrepEntry(prep, itemId)).toBeNull();
    expect((await storedBytes(`prep:${meetingId}:POLICE`)).includes(Buffer.from(GIVEN))).toBe(false);

    // The plan: the open connection was closed for good (a 4400s code: no reconnecting), and nothing
    // of it is stored, even after a client holding a copy sends it back: a disposed family's plan is read-only.
    expect(planCloses).toContain(4410);
    const copy = connectDoc(server.url, `plan:${caseId}`, sessionToken(chair));
    open.push(copy);
    await synced(copy);
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(planClient.doc));
    // Messages are handled in order and before their socket's close: once it is back, what it sent was seen.
    copy.provider.disconnect();
    copy.provider.connect();
    await synced(copy);
    expect(await server.ctx.docs.withDoc({ kind: 'plan', caseId }, ({ doc }) => planText(doc, 'risks')?.toString() ?? '')).not.toContain(GIVEN);
    await server.ctx.docs.persistence.flush();
    for (const doc of [`plan:${caseId}`, `plan-private:${caseId}`]) {
      const stored = await storedBytes(doc);
      expect(stored.includes(Buffer.from(GIVEN)), doc).toBe(false);
      expect(stored.includes(Buffer.from(FAMILY)), doc).toBe(false);
    }
    const versions = await db().planVersion.findMany({ where: { caseId } });
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(JSON.stringify(versions)).not.toMatch(new RegExp(`${GIVEN}|${FAMILY}|Ōtautahi`));
    expect(versions[0]!.content).toMatchObject({ strategies: [{ text: 'Removed under the retention schedule', agency: 'POLICE', status: 'DONE' }] });
    const version = await chair.request('GET', `/api/cases/${caseId}/plan/versions/${versions[0]!.id}`);
    expect(version.status, await version.clone().text()).toBe(200);

    // The held case is untouched.
    for (const p of await db().person.findMany({ where: { id: { in: heldPersonIds } } })) expect(p.familyName).toBe(HELD_FAMILY);
    expect((await db().case.findUniqueOrThrow({ where: { id: heldCaseId } })).anonymisedAt).toBeNull();

    // The certificate, in a chain that verifies.
    const event = await db().auditEvent.findFirstOrThrow({ where: { seq: BigInt(certificate.auditSeq) } });
    expect(event.action).toBe('retention.disposed');
    expect(event.details).toMatchObject({ batchHash: batch.batchHash, approvedBy: expect.stringContaining('SITE_ADMIN') });
    expect(await server.ctx.audit.verify()).toMatchObject({ ok: true });

    // Approving the same batch again: it changed (the case is done), so it is refused.
    const again = await admin.request('POST', '/api/retention/disposals', { siteId: batch.siteId, batchHash: batch.batchHash, items: batch.items.map(({ kind, id }) => ({ kind, id })) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('BATCH_CHANGED');

    // The stored minutes: one fresh record copy, without the names.
    const minutes = await db().minutesVersion.findMany({ where: { meetingId } });
    expect(minutes).toHaveLength(1);
    if (!(await requireCommands('pdftotext'))) return skip();
    const text = await pdfText(minutes[0]!.content);
    expect(text).toContain('Minutes');
    expect(text).not.toMatch(new RegExp(`${GIVEN}|${FAMILY}`));
  });

  it('lifts a hold, after which the held case is due again', async () => {
    const lifted = await admin.request('DELETE', `/api/cases/${heldCaseId}/legal-hold`);
    expect(lifted.status).toBe(200);
    const batch = await due();
    expect(batch.items).toContainEqual(expect.objectContaining({ kind: 'closedCase', id: heldCaseId }));
    const waikatoCase = await db().case.findFirstOrThrow({ where: { site: { code: 'WAIKATO' } } });
    expect((await admin.request('PUT', `/api/cases/${waikatoCase.id}/legal-hold`, { reason: 'Not ours to hold' })).status).toBe(404);
    expect((await admin.request('PUT', `/api/cases/${heldCaseId}/legal-hold`, { reason: '' })).status).toBe(400);
  });
});
