import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSite, AdminUser, CreatedUser, UserSession } from '../../shared/api/admin.js';
import { sessionToken } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Administration over REST against a real server and database: staff invited by one-time link,
// passwords that must be good enough, disabling that ends live connections, sessions, the
// schedule, agencies, and the site boundary around all of it.

const json = async <T,>(res: Response): Promise<T> => (await res.json()) as T;
const tokenOf = (link: string) => link.split('#')[1]!;

describe('administration API', () => {
  let server: TestServer;
  let admin: Browserish;
  let canterbury: AdminSite;

  beforeAll(async () => {
    server = await startTestServer();
    admin = new Browserish(server.url);
    expect((await admin.login('admin@demo.test')).status).toBe(200);
    canterbury = (await json<AdminSite[]>(await admin.request('GET', '/api/admin/sites')))[0]!;
  }, 60_000);
  afterAll(() => server?.stop());

  const invite = async (email: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.request('POST', '/api/admin/users', {
      email, displayName: 'Hēmi Tāwhiri-Ō’Brien', agencyCode: 'HEALTH', role: 'REP', siteId: canterbury.id, ...extra,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return json<CreatedUser>(res);
  };

  /** An invited person who has set their password, signed in and is connected to today's meeting. */
  const inTheMeeting = async (email: string, agencyCode: string, password: string) => {
    const { user, setupLink } = await invite(email, { agencyCode });
    const person = new Browserish(server.url);
    await person.request('POST', '/api/auth/password', { token: tokenOf(setupLink.url), password });
    expect((await person.login(email, password)).status).toBe(200);
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', siteId: canterbury.id } });
    await person.acknowledge(meeting.id);
    return { user, person, socket: connectControl(server.url, meeting.id, sessionToken(person)) };
  };

  it('a site administrator sees only their own site', async () => {
    const sites = await json<AdminSite[]>(await admin.request('GET', '/api/admin/sites'));
    expect(sites.map((s) => s.code)).toEqual(['CANTERBURY']);
    const national = new Browserish(server.url);
    await national.login('national.admin@demo.test');
    expect((await json<AdminSite[]>(await national.request('GET', '/api/admin/sites'))).map((s) => s.code)).toEqual(['CANTERBURY', 'WAIKATO']);
  });

  it('invites a person, who sets a good password through the one-time link and signs in', async () => {
    const { user, setupLink } = await invite('hemi.tawhiri@demo.test');
    expect(user).toMatchObject({ email: 'hemi.tawhiri@demo.test', role: 'REP', hasPassword: false, disabledAt: null });
    // Nobody signs in to an account without a password.
    expect((await new Browserish(server.url).login('hemi.tawhiri@demo.test', '')).status).toBe(400);
    const token = tokenOf(setupLink.url);
    expect(setupLink.url).toMatch(/\/password#/);
    const stored = await server.ctx.db.passwordToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(token);

    const person = new Browserish(server.url);
    expect(await json(await person.request('POST', '/api/auth/password-link', { token }))).toEqual({
      purpose: 'SETUP', email: 'hemi.tawhiri@demo.test', displayName: 'Hēmi Tāwhiri-Ō’Brien',
    });
    const refused = async (password: string) => {
      const res = await person.request('POST', '/api/auth/password', { token, password });
      expect(res.status).toBe(400);
      return (await json<{ error: { details: { issues: { path: string; message: string }[] } } }>(res)).error.details.issues[0];
    };
    expect(await refused('short')).toMatchObject({ path: 'password', message: expect.stringContaining('12 characters') });
    expect(await refused('password123456')).toMatchObject({ path: 'password', message: expect.stringContaining('commonly used') });
    expect(await refused('Hemi.Tawhiri-mahi')).toMatchObject({ path: 'password', message: expect.stringContaining('email') });

    const good = 'tuna kererū kūmara 7';
    expect((await person.request('POST', '/api/auth/password', { token, password: good })).status).toBe(204);
    // Once only.
    expect((await person.request('POST', '/api/auth/password', { token, password: 'another pāua shell 9' })).status).toBe(404);
    expect((await person.request('POST', '/api/auth/password-link', { token })).status).toBe(404);
    expect((await person.login('hemi.tawhiri@demo.test', good)).status).toBe(200);
    expect(await server.ctx.db.auditEvent.count({ where: { subjectId: user.id, action: { in: ['user.create', 'user.password_set', 'auth.login'] } } })).toBe(3);
  });

  it('disabling ends the person’s sessions and live connections at once; re-enabling lets them sign in again', async () => {
    const { user, person, socket } = await inTheMeeting('aroha.disabled@demo.test', 'POLICE', 'pōhutukawa in bloom');
    try {
      expect(await socket.outcome).toBe('connected');
      const sessions = await json<UserSession[]>(await admin.request('GET', `/api/admin/users/${user.id}/sessions`));
      expect(sessions).toHaveLength(1);

      const ended = new Promise<string>((resolve) => socket.socket.on('disconnect', (reason) => resolve(reason)));
      const res = await admin.request('POST', `/api/admin/users/${user.id}/disable`);
      expect(res.status).toBe(200);
      expect((await json<AdminUser>(res)).disabledAt).not.toBeNull();
      expect(await ended).toBe('io server disconnect');
      expect((await person.request('GET', '/api/me')).status).toBe(401);
      expect((await person.login('aroha.disabled@demo.test', 'pōhutukawa in bloom')).status).toBe(401);
      expect(await json(await admin.request('GET', `/api/admin/users/${user.id}/sessions`))).toEqual([]);
    } finally {
      socket.close();
    }
    expect((await admin.request('POST', `/api/admin/users/${user.id}/enable`)).status).toBe(200);
    expect((await person.login('aroha.disabled@demo.test', 'pōhutukawa in bloom')).status).toBe(200);
    expect(await server.ctx.db.auditEvent.count({ where: { subjectId: user.id, action: { in: ['user.disable', 'user.enable'] } } })).toBe(2);
  });

  it('revokes one session of a person, closing its connection', async () => {
    const chair = await server.ctx.db.user.findUniqueOrThrow({ where: { email: 'coordinator@demo.test' } });
    const [one, two] = [new Browserish(server.url), new Browserish(server.url)];
    await one.login('coordinator@demo.test');
    await two.login('coordinator@demo.test');
    const sessions = await json<UserSession[]>(await admin.request('GET', `/api/admin/users/${chair.id}/sessions`));
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect((await admin.request('POST', `/api/admin/users/${chair.id}/sessions/${sessions[0]!.id}/revoke`)).status).toBe(204);
    const statuses = [(await one.request('GET', '/api/me')).status, (await two.request('GET', '/api/me')).status].sort();
    expect(statuses).toEqual([200, 401]);
    expect((await admin.request('POST', `/api/admin/users/${chair.id}/sessions/${sessions[0]!.id}/revoke`)).status).toBe(404);
  });

  it('moving someone to another site ends their sessions and live connections; other changes keep them', async () => {
    const { user, person, socket } = await inTheMeeting('tama.moved@demo.test', 'MSD', 'kākāriki over the hill');
    try {
      expect(await socket.outcome).toBe('connected');
      expect((await admin.request('PATCH', `/api/admin/users/${user.id}`, { displayName: 'Tama Moved-Ōhākī' })).status).toBe(200);
      expect((await person.request('GET', '/api/me')).status).toBe(200);

      const national = new Browserish(server.url);
      await national.login('national.admin@demo.test');
      const waikato = (await json<AdminSite[]>(await national.request('GET', '/api/admin/sites'))).find((s) => s.code === 'WAIKATO')!;
      const ended = new Promise<string>((resolve) => socket.socket.on('disconnect', (reason) => resolve(reason)));
      const moved = await national.request('PATCH', `/api/admin/users/${user.id}`, { siteId: waikato.id });
      expect(moved.status).toBe(200);
      expect((await json<AdminUser>(moved)).siteId).toBe(waikato.id);
      expect(await ended).toBe('io server disconnect');
      expect((await person.request('GET', '/api/me')).status).toBe(401);
      const audit = await server.ctx.db.auditEvent.findFirstOrThrow({ where: { subjectId: user.id, action: 'user.update' }, orderBy: { seq: 'desc' } });
      expect(audit.details).toMatchObject({ sessionsEnded: 1, to: { siteId: waikato.id } });
      // Signed in again, they are at their new site.
      expect((await person.login('tama.moved@demo.test', 'kākāriki over the hill')).status).toBe(200);
      expect(await json(await person.request('GET', '/api/me'))).toMatchObject({ siteId: waikato.id });
    } finally {
      socket.close();
    }
  });

  it('sets the schedule, naming a bad field; nothing changes on a bad value', async () => {
    const bad = await admin.request('PUT', `/api/admin/sites/${canterbury.id}/schedule`, { dailyMeetingTime: '25:00', icmReviewWeekday: 3 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('dailyMeetingTime');
    const ok = await admin.request('PUT', `/api/admin/sites/${canterbury.id}/schedule`, { dailyMeetingTime: '08:45', icmReviewWeekday: null });
    expect(await json<AdminSite>(ok)).toMatchObject({ dailyMeetingTime: '08:45', icmReviewWeekday: null });
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'site.schedule', subjectId: canterbury.id } })).toBe(1);
  });

  it('refuses what is not the administrator’s: another site answers 404, a national grant 403, a duplicate 409', async () => {
    const waikato = await server.ctx.db.site.findUniqueOrThrow({ where: { code: 'WAIKATO' } });
    const waikatoChair = await server.ctx.db.user.findUniqueOrThrow({ where: { email: 'chair.waikato@demo.test' } });
    expect((await admin.request('GET', `/api/admin/users?siteId=${waikato.id}`)).status).toBe(404);
    expect((await admin.request('POST', `/api/admin/users/${waikatoChair.id}/disable`)).status).toBe(404);
    expect((await admin.request('PUT', `/api/admin/sites/${waikato.id}/schedule`, { dailyMeetingTime: '07:00', icmReviewWeekday: 1 })).status).toBe(404);
    expect((await server.ctx.db.user.findUniqueOrThrow({ where: { id: waikatoChair.id } })).disabledAt).toBeNull();
    expect((await admin.request('POST', '/api/admin/users', {
      email: 'someone.waikato.new@demo.test', displayName: 'Tipene Marsh', agencyCode: 'POLICE', role: 'REP', siteId: waikato.id,
    })).status).toBe(404);
    expect((await admin.request('POST', '/api/admin/users', {
      email: 'national.new@demo.test', displayName: 'Tipene Marsh', agencyCode: 'POLICE', role: 'AUDITOR', siteId: canterbury.id, national: true,
    })).status).toBe(403);
    expect((await admin.request('POST', '/api/admin/users', {
      email: 'chair@demo.test', displayName: 'Tipene Marsh', agencyCode: 'POLICE', role: 'REP', siteId: canterbury.id,
    })).status).toBe(409);
    const unknownAgency = await admin.request('POST', '/api/admin/users', {
      email: 'tipene@demo.test', displayName: 'Tipene Marsh', agencyCode: 'NOPE', role: 'REP', siteId: canterbury.id,
    });
    expect(unknownAgency.status).toBe(400);
    expect(JSON.stringify(await unknownAgency.json())).toContain('agencyCode');
    expect((await admin.request('POST', '/api/admin/agencies', { code: 'NEW_NGO', name: 'Te Kāhu Trust', kind: 'FV_NGO' })).status).toBe(403);
    const own = await server.ctx.db.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } });
    expect((await admin.request('POST', `/api/admin/users/${own.id}/disable`)).status).toBe(409);
  });

  it('a national administrator adds a site and an agency; an inactive agency takes no new staff', async () => {
    const national = new Browserish(server.url);
    await national.login('national.admin@demo.test');
    const site = await national.request('POST', '/api/admin/sites', { code: 'TAIRAWHITI', name: 'Te Tairāwhiti', dailyMeetingTime: '09:30', icmReviewWeekday: 2 });
    expect(site.status).toBe(201);
    expect((await national.request('POST', '/api/admin/sites', { code: 'TAIRAWHITI', name: 'Again' })).status).toBe(409);
    const agency = await national.request('POST', '/api/admin/agencies', { code: 'TE_KAHU', name: 'Te Kāhu Trust', kind: 'FV_NGO' });
    expect(agency.status).toBe(201);
    const { id } = await json<{ id: string }>(agency);
    expect((await national.request('PATCH', `/api/admin/agencies/${id}`, { active: false })).status).toBe(200);
    const res = await admin.request('POST', '/api/admin/users', {
      email: 'kahu.worker@demo.test', displayName: 'Mihi Kāhu', agencyCode: 'TE_KAHU', role: 'REP', siteId: canterbury.id,
    });
    expect(res.status).toBe(400);
    expect(await server.ctx.db.auditEvent.count({ where: { action: { in: ['site.create', 'agency.create', 'agency.update'] } } })).toBe(3);
  });

  it('is for administrators only, and administrators see no case content', async () => {
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    expect((await chair.request('GET', '/api/admin/users')).status).toBe(403);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'admin.refused', actorLabel: { contains: 'CHAIR' } } })).toBe(1);
    const someCase = await server.ctx.db.case.findFirstOrThrow({ where: { siteId: canterbury.id } });
    expect((await admin.request('GET', `/api/cases/${someCase.id}`)).status).toBe(403);
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { siteId: canterbury.id } });
    const socket = connectControl(server.url, meeting.id, sessionToken(admin));
    expect(await socket.outcome).toBe('FORBIDDEN');
    socket.close();
  });
});
