import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSite, CreatedUser, TrainingReset } from '../../shared/api/admin.js';
import type { Me } from '../../shared/api/auth.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';
import { requireCommands } from '../support/tools.js';

// A training site against a real server and database: a national administrator makes it (filled
// with synthetic whānau and a day's list), a trainee uses it, and a reset puts back its starting
// state while every other site's rows stay byte for byte what they were. Its exports say TRAINING.

const run = promisify(execFile);
const json = async <T,>(res: Response): Promise<T> => (await res.json()) as T;
const pdftotextHere = await requireCommands('pdftotext');

/** Tables with nothing of any one site in them: the national directory and the trail. */
const GLOBAL_TABLES = ['Agency', 'AuditEvent', 'KeyFingerprint', '_prisma_migrations'];
const inMeetings = `"meetingId" IN (SELECT id FROM "Meeting" WHERE "siteId" = $1)`;
const inCases = `"caseId" IN (SELECT id FROM "Case" WHERE "siteId" = $1)`;
const ofUsers = `"userId" IN (SELECT id FROM "User" WHERE "siteId" = $1)`;
/** Where each table's rows of one site are. A table added later without a line here fails the test. */
const SITE_ROWS: Record<string, string> = {
  Site: 'id = $1',
  User: '"siteId" = $1',
  PasswordToken: ofUsers,
  Session: `${ofUsers} OR "participantId" IN (SELECT id FROM "Participant" WHERE ${inMeetings})`,
  Person: '"siteId" = $1',
  Case: '"siteId" = $1',
  CaseMember: inCases,
  Episode: '"siteId" = $1',
  EpisodeChild: `"episodeId" IN (SELECT id FROM "Episode" WHERE "siteId" = $1)`,
  RiskAssessment: inCases,
  Meeting: '"siteId" = $1',
  AgendaItem: inMeetings,
  AgendaItemEpisode: `"agendaItemId" IN (SELECT id FROM "AgendaItem" WHERE ${inMeetings})`,
  Participant: inMeetings,
  Invite: inMeetings,
  Decision: inCases,
  Action: inCases,
  Disclosure: inMeetings,
  MinutesVersion: inMeetings,
  DocUpdate: `split_part(doc, ':', 2) IN (SELECT id FROM "Meeting" WHERE "siteId" = $1 UNION SELECT id FROM "Case" WHERE "siteId" = $1)`,
  DocSnapshot: `split_part(doc, ':', 2) IN (SELECT id FROM "Meeting" WHERE "siteId" = $1 UNION SELECT id FROM "Case" WHERE "siteId" = $1)`,
  PlanVersion: inCases,
  CorrectionRequest: `"personId" IN (SELECT id FROM "Person" WHERE "siteId" = $1)`,
  Notification: '"siteId" = $1',
  NotificationRead: `"notificationId" IN (SELECT id FROM "Notification" WHERE "siteId" = $1)`,
  OutboxEmail: `"notificationId" IN (SELECT id FROM "Notification" WHERE "siteId" = $1)`,
};

describe('a training site', () => {
  let server: TestServer;
  let national: Browserish;
  let training: AdminSite;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer();
    national = new Browserish(server.url);
    expect((await national.login('national.admin@demo.test')).status).toBe(200);
    dir = await mkdtemp(path.join(os.tmpdir(), 'samroom-training-'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const db = () => server.ctx.db;

  /** A digest of every row of the site in every table, as PostgreSQL stores it. */
  async function siteDigest(siteId: string): Promise<Record<string, string>> {
    const digest: Record<string, string> = {};
    for (const [table, where] of Object.entries(SITE_ROWS)) {
      const rows = await db().$queryRawUnsafe<{ n: bigint; md5: string | null }[]>(
        `SELECT count(*) AS n, md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS md5 FROM "${table}" t WHERE ${where}`, siteId);
      digest[table] = `${rows[0]!.n}:${rows[0]!.md5 ?? ''}`;
    }
    return digest;
  }

  /** What a trainee sees of the starting state: the families, people and list, by content. */
  async function startingState(siteId: string) {
    const cases = await db().case.findMany({
      where: { siteId }, orderBy: { reference: 'asc' },
      select: { reference: true, status: true, flags: true, members: { select: { role: true, person: { select: { givenName: true, familyName: true, dob: true } } } } },
    });
    const episodes = await db().episode.findMany({ where: { siteId }, orderBy: { policeRef: 'asc' }, select: { policeRef: true, summary: true, occurredAt: true } });
    const meetings = await db().meeting.findMany({
      where: { siteId }, select: { date: true, status: true, kind: true, agendaItems: { orderBy: { rank: 'asc' }, select: { rank: true, status: true, case: { select: { reference: true } } } } },
    });
    const sort = <T,>(list: T[]) => list.map((x) => JSON.stringify(x)).sort();
    return { cases: cases.map((c) => ({ ...c, members: sort(c.members) })), episodes, meetings, decisions: await db().decision.count({ where: { case: { siteId } } }) };
  }

  it('covers every table that holds a site’s rows', async () => {
    const tables = await db().$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(tables.map((t) => t.table_name).filter((t) => !GLOBAL_TABLES.includes(t)).sort()).toEqual(Object.keys(SITE_ROWS).sort());
  });

  it('a national administrator makes one, filled with synthetic whānau and a day’s list; a site administrator cannot', async () => {
    const admin = new Browserish(server.url);
    await admin.login('admin@demo.test');
    expect((await admin.request('POST', '/api/admin/training-sites', { code: 'TRAINING_X', name: 'Not allowed' })).status).toBe(403);

    const res = await national.request('POST', '/api/admin/training-sites', { code: 'TRAINING_TAMAKI', name: 'Tāmaki training' });
    expect(res.status, await res.clone().text()).toBe(201);
    training = await json<AdminSite>(res);
    expect(training).toMatchObject({ code: 'TRAINING_TAMAKI', training: true });
    const state = await startingState(training.id);
    expect(state.cases.length).toBeGreaterThanOrEqual(8);
    expect(state.meetings).toHaveLength(1);
    expect(state.meetings[0]!.status).toBe('PREP');
    expect(state.meetings[0]!.agendaItems).toHaveLength(state.cases.length);
    // Its references can't be a live one's, so it never blocks an import at a live site.
    for (const e of state.episodes) expect(e.policeRef).toMatch(/^TRAINING-TRAINING_TAMAKI-P\d{9}$/);
    // A live site is not reset.
    const canterbury = await db().site.findUniqueOrThrow({ where: { code: 'CANTERBURY' } });
    const refused = await national.request('POST', `/api/admin/sites/${canterbury.id}/training-reset`);
    expect(refused.status).toBe(409);
  });

  it('a reset restores the starting state, and every other site’s rows stay byte for byte the same', async () => {
    const before = await startingState(training.id);
    // A trainee, made through the normal staff administration, uses the site.
    const made = await national.request('POST', '/api/admin/users', {
      email: 'kahu.trainee@demo.test', displayName: 'Kahu Ngāti-O’Brien', agencyCode: 'POLICE', role: 'CHAIR', siteId: training.id,
    });
    expect(made.status).toBe(201);
    const trainee = new Browserish(server.url);
    const { setupLink } = await json<CreatedUser>(made);
    expect((await trainee.request('POST', '/api/auth/password', { token: setupLink.url.split('#')[1], password: 'pīwakawaka on the fence' })).status).toBe(204);
    expect((await trainee.login('kahu.trainee@demo.test', 'pīwakawaka on the fence')).status).toBe(200);
    expect(await json<Me>(await trainee.request('GET', '/api/me'))).toMatchObject({ trainingSite: true });
    const meeting = await db().meeting.findFirstOrThrow({ where: { siteId: training.id } });
    await trainee.acknowledge(meeting.id);
    expect((await trainee.request('POST', `/api/meetings/${meeting.id}/invites`, {
      agencyCode: 'HEALTH', role: 'REP', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 2,
    })).status).toBe(201);
    const imported = await trainee.request('POST', `/api/meetings/${meeting.id}/episodes/import`, [{
      policeRef: 'TRAINING-EXTRA-0001', occurredAt: '2026-11-28T21:00:00', area: 'Ōtautahi CBD', source: 'POLICE_FAMILY_HARM',
      summary: 'A practice episode a trainee added.',
      personAtRisk: { givenName: 'Ngaire', familyName: 'Te Wharepapa-Smith', dob: '1990-03-04', policePersonRef: null },
      personUsingViolence: { givenName: 'Tīmoti', familyName: 'Ōrākei', dob: '1988-05-06', policePersonRef: null },
      children: 1, protectionOrder: 'NONE', strangulation: false, weapons: false,
    }]);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect((await startingState(training.id)).cases.length).toBe(before.cases.length + 1);

    const others = await db().site.findMany({ where: { id: { not: training.id } }, select: { id: true, code: true } });
    expect(others.map((s) => s.code).sort()).toEqual(['CANTERBURY', 'WAIKATO']);
    const othersBefore = await Promise.all(others.map((s) => siteDigest(s.id)));
    expect(Number(othersBefore[0]!.Case!.split(':')[0])).toBeGreaterThan(0);

    const reset = await national.request('POST', `/api/admin/sites/${training.id}/training-reset`);
    expect(reset.status, await reset.clone().text()).toBe(200);
    expect(await json<TrainingReset>(reset)).toMatchObject({ families: before.cases.length, meetings: 1 });

    expect(await startingState(training.id)).toEqual(before);
    expect(await Promise.all(others.map((s) => siteDigest(s.id)))).toEqual(othersBefore);
    // The trainee keeps their account; what they did there is gone.
    expect(await db().user.count({ where: { siteId: training.id } })).toBe(1);
    expect(await db().invite.count({ where: { meeting: { siteId: training.id } } })).toBe(0);
    expect(await db().episode.count({ where: { policeRef: 'TRAINING-EXTRA-0001' } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: 'site.training_reset', subjectId: training.id } })).toBe(2);
  });

  it('its exports carry TRAINING on every copy', async (ctx) => {
    const trainee = new Browserish(server.url);
    await trainee.login('kahu.trainee@demo.test', 'pīwakawaka on the fence');
    const meeting = await db().meeting.findFirstOrThrow({ where: { siteId: training.id } });
    const download = async (url: string) => {
      const res = await trainee.request('GET', url);
      expect(res.status, url).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    // One decided item with an action, as a trainee's finalize records them, so the action list has a row.
    const item = await db().agendaItem.findFirstOrThrow({ where: { meetingId: meeting.id } });
    const police = await db().agency.findUniqueOrThrow({ where: { code: 'POLICE' } });
    await db().agendaItem.update({ where: { id: item.id }, data: { status: 'DECIDED' } });
    await db().decision.create({
      data: {
        agendaItemId: item.id, caseId: item.caseId, version: 1, riskLevel: 'MEDIUM', pathway: 'LEAD_AGENCY_RESPONSE', leadAgencyId: police.id,
        contentHash: 'training-test', actions: { create: { caseId: item.caseId, agencyId: police.id, type: 'Home visit', description: 'Visit the whānau.', dueDate: new Date('2040-01-01') } },
      },
    });
    const mark = 'TRAINING — synthetic data, not a real whānau';
    expect((await download(`/api/meetings/${meeting.id}/minutes?format=md`)).toString('utf8')).toContain(mark);
    expect((await download(`/api/meetings/${meeting.id}/actions?format=csv`)).toString('utf8')).toContain(mark);
    // A live site's copies don't.
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const live = await db().meeting.findFirstOrThrow({ where: { site: { code: 'CANTERBURY' }, status: 'PREP', kind: 'DAILY_SAM' } });
    const liveMd = await chair.request('GET', `/api/meetings/${live.id}/minutes?format=md`);
    expect(await liveMd.text()).not.toContain('TRAINING');
    if (!pdftotextHere) return ctx.skip();
    const pdf = path.join(dir, 'minutes.pdf');
    await writeFile(pdf, await download(`/api/meetings/${meeting.id}/minutes?format=pdf`));
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(mark);
  });
});
