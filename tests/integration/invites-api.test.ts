import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatedInvite, type CreateInviteRequest } from '../../shared/api/invites.js';
import { getItem, listItems, meetingDocName, rationaleText } from '../../shared/meeting-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('remote representatives join by link: invites, lobby, admission and refusals', () => {
  let server: TestServer;
  let meetingId: string;
  let otherMeetingId: string;
  const staff: Record<string, Browserish> = {};
  const open: (ControlClient | CollabClient)[] = [];
  const track = <T extends ControlClient | CollabClient>(c: T) => {
    open.push(c);
    return c;
  };
  const control = (token: string | undefined, id = meetingId, headers: Record<string, string> = {}) =>
    track(connectControl(server.url, id, token, headers));
  const docOf = (token: string, id = meetingId) => track(connectDoc(server.url, meetingDocName(id), token));
  const wsUrl = (token: string, id = meetingId) => `${server.url.replace('http', 'ws')}/collab/${meetingDocName(id)}?token=${token}`;

  async function invite(opts: Partial<CreateInviteRequest> = {}, id = meetingId) {
    const res = await staff.chair!.request('POST', `/api/meetings/${id}/invites`, {
      agencyCode: 'OT', role: 'REP', expiresAt: inHours(24), maxUses: 5, ...opts,
    });
    expect(res.status).toBe(201);
    const created = CreatedInvite.parse(await res.json());
    return { ...created, token: created.url.split('/join/')[1]! };
  }

  async function join(token: string, displayName = 'Aroha Ngata', mode = 'REMOTE') {
    const browser = new Browserish(server.url);
    const res = await browser.request('POST', `/api/join/${token}`, { displayName, mode, confidentialityAcknowledged: true });
    return { browser, res, token: sessionToken(browser) };
  }

  async function joined(token: string, displayName?: string) {
    const j = await join(token, displayName);
    expect(j.res.status).toBe(201);
    const { participantId } = (await j.res.json()) as { participantId: string };
    return { ...j, participantId };
  }

  async function lobbyStatus(browser: Browserish) {
    const res = await browser.request('GET', '/api/lobby');
    return res.ok ? ((await res.json()) as { status: string }).status : res.status;
  }

  const audited = (action: string, code?: string) =>
    server.ctx.db.auditEvent.count({ where: { action, ...(code && { details: { path: ['code'], equals: code } }) } });

  let chairControl: ControlClient;
  const admit = async (participantId: string) => expect(await chairControl.send('lobby:admit', { participantId })).toEqual({ ok: true });

  beforeAll(async () => {
    server = await startTestServer();
    const meetings = await server.ctx.db.meeting.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true, status: true, kind: true } });
    meetingId = meetings.find((m) => m.status === 'PREP' && m.kind === 'DAILY_SAM')!.id;
    otherMeetingId = meetings.find((m) => m.status === 'CLOSED')!.id;
    for (const who of ['chair', 'coordinator', 'police', 'observer', 'auditor']) {
      staff[who] = new Browserish(server.url);
      expect((await staff[who].login(`${who}@demo.test`)).status).toBe(200);
      // Auditors never enter a meeting; the staff in the room have acknowledged its statement.
      if (who !== 'auditor') await staff[who].acknowledge(meetingId);
    }
    chairControl = control(sessionToken(staff.chair!));
    expect(await handshakeOutcome(chairControl)).toBe('connected');
  });
  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    await server?.stop();
  });

  it('creates a link whose token is 256 random bits, stored only as its hash, and shown once', async () => {
    const created = await invite({ agencyCode: 'HEALTH', role: 'OBSERVER', maxUses: 3 });
    expect(created.url).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`));
    const row = await server.ctx.db.invite.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(row).toMatchObject({ meetingId, role: 'OBSERVER', maxUses: 3, uses: 0, revokedAt: null });
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'invite.create', subjectId: created.id, meetingId } })).toBe(1);

    const list = await staff.chair!.request('GET', `/api/meetings/${meetingId}/invites`);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(row.tokenHash);
    const listed = (JSON.parse(text) as { id: string }[]).find((i) => i.id === created.id);
    expect(listed).toMatchObject({
      agency: { code: 'HEALTH' }, role: 'OBSERVER', uses: 0, maxUses: 3, revoked: false, state: 'ACTIVE', expiresAt: row.expiresAt.toISOString(),
    });
  });

  it('lets only the chair create, list and revoke links: 403 for everyone else, audited', async () => {
    const { id } = await invite();
    const body = { agencyCode: 'OT', role: 'REP', expiresAt: inHours(1), maxUses: 1 };
    for (const who of ['coordinator', 'police', 'observer', 'auditor']) {
      expect((await staff[who]!.request('POST', `/api/meetings/${meetingId}/invites`, body)).status).toBe(403);
    }
    expect((await staff.police!.request('GET', `/api/meetings/${meetingId}/invites`)).status).toBe(403);
    expect((await staff.police!.request('POST', `/api/invites/${id}/revoke`)).status).toBe(403);
    expect((await new Browserish(server.url).request('POST', `/api/meetings/${meetingId}/invites`, body)).status).toBe(401);
    const invitee = await joined((await invite()).token);
    expect((await invitee.browser.request('POST', `/api/meetings/${meetingId}/invites`, body)).status).toBe(403);
    expect(await audited('invite.refused', 'FORBIDDEN')).toBe(7);
  });

  it('refuses bad invite requests with the field named, and closed meetings with 409', async () => {
    const post = (patch: Record<string, unknown>, id = meetingId) =>
      staff.chair!.request('POST', `/api/meetings/${id}/invites`, { agencyCode: 'OT', role: 'REP', expiresAt: inHours(1), maxUses: 1, ...patch });
    const field = async (patch: Record<string, unknown>) => {
      const res = await post(patch);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues[0]!.path;
    };
    expect(await field({ expiresAt: inHours(-1) })).toBe('expiresAt');
    expect(await field({ expiresAt: inHours(8 * 24) })).toBe('expiresAt');
    expect(await field({ maxUses: 0 })).toBe('maxUses');
    expect(await field({ maxUses: 51 })).toBe('maxUses');
    expect(await field({ role: 'CHAIR' })).toBe('role');
    expect(await field({ agencyCode: 'NOPE' })).toBe('agencyCode');
    expect((await post({}, otherMeetingId)).status).toBe(409);
    expect((await post({}, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it("shows the meeting's site and date, the agency and the role — nothing about families", async () => {
    const { token } = await invite({ agencyCode: 'OT', role: 'REP' });
    const res = await new Browserish(server.url).request('GET', `/api/join/${token}`);
    expect(res.status).toBe(200);
    const meeting = await server.ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { site: true } });
    expect(await res.json()).toEqual({
      meeting: { siteName: meeting.site.name, date: meeting.date.toISOString().slice(0, 10), training: false },
      agency: { code: 'OT', name: 'Oranga Tamariki' },
      role: 'REP',
    });
  });

  it('joining puts the person in the lobby with an invitee session; until admitted they open nothing', async () => {
    const { id, token } = await invite();
    const j = await join(token, '  Aroha Ngata  ');
    expect(j.res.status).toBe(201);
    const { participantId, status } = (await j.res.json()) as { participantId: string; status: string };
    expect(status).toBe('WAITING');
    const cookie = j.res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; see the TRUST_PROXY test below

    const p = await server.ctx.db.participant.findUniqueOrThrow({ where: { id: participantId }, include: { agency: true } });
    expect(p).toMatchObject({ meetingId, inviteId: id, displayName: 'Aroha Ngata', role: 'REP', mode: 'REMOTE', admittedAt: null, userId: null });
    expect(p.agency.code).toBe('OT');
    expect(p.confidentialityAckAt).not.toBeNull();
    expect(p.lobbyAt).not.toBeNull();
    expect((await server.ctx.db.invite.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'invite.used', actorId: participantId, meetingId } })).toBe(1);

    expect(await lobbyStatus(j.browser)).toBe('WAITING');
    expect(await (await j.browser.request('GET', '/api/me')).json()).toMatchObject({ kind: 'invitee', id: participantId, meetingId, role: 'REP' });
    await waitFor(() => chairControl.last('lobby')?.waiting.some((w) => w.participantId === participantId) === true, 'the chair to see them waiting');
    expect(chairControl.last('lobby')!.waiting.find((w) => w.participantId === participantId)).toMatchObject({
      displayName: 'Aroha Ngata', agency: { code: 'OT' }, role: 'REP', mode: 'REMOTE',
    });

    expect((await rawUpgrade(wsUrl(j.token))).status).toBe(403);
    expect(await handshakeOutcome(control(j.token))).toBe('FORBIDDEN');
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'collab.refused', actorId: participantId } })) === 1, 'the refused upgrade audited');
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'control.refused', actorId: participantId } })).toBe(1);
  });

  it('once admitted they edit live; removed, their sockets close at once, their edits reach nobody, and they cannot come back', async () => {
    const rep = await joined((await invite()).token, 'Mere Tūhoe');
    await admit(rep.participantId);
    expect(await lobbyStatus(rep.browser)).toBe('ADMITTED');
    await waitFor(() => !chairControl.last('lobby')?.waiting.some((w) => w.participantId === rep.participantId), 'the lobby to empty');

    const chairDoc = docOf(sessionToken(staff.chair!));
    const repDoc = docOf(rep.token);
    const repControl = control(rep.token);
    await Promise.all([synced(chairDoc), synced(repDoc)]);
    expect(await handshakeOutcome(repControl)).toBe('connected');
    await waitFor(() => chairControl.last('roster')?.participants.some((p) => p.participantId === rep.participantId) === true, 'the roster');

    const itemId = listItems(chairDoc.doc)[0]!.id;
    const text = (c: CollabClient) => rationaleText(getItem(c.doc, itemId)!).toString();
    rationaleText(getItem(repDoc.doc, itemId)!).insert(0, 'OT has an open file. ');
    await waitFor(() => text(chairDoc).includes('OT has an open file.'), 'the invitee edit to reach the chair');

    const ended = new Promise<void>((resolve) => repControl.socket.once('disconnect', () => resolve()));
    expect(await chairControl.send('participant:remove', { participantId: rep.participantId })).toEqual({ ok: true });
    await ended;
    expect(repControl.last('access:ended')).toBeDefined();
    await waitFor(() => !repDoc.provider.wsconnected, 'the document connection to close', 2_000);

    rationaleText(getItem(repDoc.doc, itemId)!).insert(0, 'AFTER REMOVAL ');
    await new Promise((r) => setTimeout(r, 800)); // reconnect attempts happen (and are refused) meanwhile
    const late = docOf(sessionToken(staff.police!));
    await synced(late);
    expect(text(late)).toContain('OT has an open file.');
    expect(text(late)).not.toContain('AFTER REMOVAL');
    expect(text(chairDoc)).not.toContain('AFTER REMOVAL');
    repDoc.destroy();

    expect((await rawUpgrade(wsUrl(rep.token))).status).toBe(401);
    expect(await handshakeOutcome(control(rep.token))).toBe('UNAUTHENTICATED');
    expect(await lobbyStatus(rep.browser)).toBe('REMOVED');
    expect((await rep.browser.request('GET', '/api/me')).status).toBe(401);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'participant.remove', subjectId: rep.participantId } })).toBe(1);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'lobby.admit', subjectId: rep.participantId } })).toBe(1);
  });

  it('declined: the lobby page says so and the session opens nothing', async () => {
    const d = await joined((await invite()).token, 'Declined Person');
    expect(await chairControl.send('lobby:decline', { participantId: d.participantId })).toEqual({ ok: true });
    expect(await lobbyStatus(d.browser)).toBe('DECLINED');
    const before = await audited('collab.refused');
    expect((await rawUpgrade(wsUrl(d.token))).status).toBe(401);
    expect(await handshakeOutcome(control(d.token))).toBe('UNAUTHENTICATED');
    await waitFor(async () => (await audited('collab.refused')) > before, 'the refusal audited');
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'lobby.decline', subjectId: d.participantId } })).toBe(1);
  });

  it('refuses expired, revoked, used-up and unknown links with a page reason that names no meeting — each audited', async () => {
    const expect410 = async (token: string, code: string) => {
      for (const res of [
        await new Browserish(server.url).request('GET', `/api/join/${token}`),
        (await join(token)).res,
      ]) {
        expect(res.status).toBe(410);
        const body = await res.text();
        expect(JSON.parse(body).error.code).toBe(code);
        expect(body).not.toMatch(/Canterbury|meetingId|\d{4}-\d{2}-\d{2}/);
      }
      expect(await audited('invite.refused', code)).toBe(2);
    };

    const expired = await invite();
    await server.ctx.db.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect410(expired.token, 'INVITE_EXPIRED');

    const revoked = await invite();
    const res = await staff.chair!.request('POST', `/api/invites/${revoked.id}/revoke`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: revoked.id, revoked: true, state: 'REVOKED' });
    expect(await audited('invite.revoke')).toBe(1);
    await expect410(revoked.token, 'INVITE_REVOKED');

    const once = await invite({ maxUses: 1 });
    await joined(once.token);
    await expect410(once.token, 'INVITE_USED_UP');

    for (const token of [randomBytes(32).toString('base64url'), 'not-even-a-token']) {
      const unknown = await new Browserish(server.url).request('GET', `/api/join/${token}`);
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('INVITE_UNKNOWN');
    }
    expect((await join(randomBytes(32).toString('base64url'))).res.status).toBe(404);
    expect(await audited('invite.refused', 'INVITE_UNKNOWN')).toBe(3);
  });

  it('a closed meeting ends the link and the access of everyone who joined through it', async () => {
    const [site] = (await (await staff.chair!.request('GET', '/api/sites')).json()) as { id: string }[];
    const created = await staff.chair!.request('POST', '/api/meetings', { siteId: site!.id, date: '2031-03-03', kind: 'ICM_REVIEW' });
    expect(created.status).toBe(201);
    const laterId = ((await created.json()) as { id: string }).id;
    const link = await invite({}, laterId);
    const inside = await joined(link.token);
    await server.ctx.db.participant.update({ where: { id: inside.participantId }, data: { admittedAt: new Date() } });
    expect(await lobbyStatus(inside.browser)).toBe('ADMITTED');

    await server.ctx.db.meeting.update({ where: { id: laterId }, data: { status: 'CLOSED', closedAt: new Date() } });
    expect(await lobbyStatus(inside.browser)).toBe('CLOSED');
    expect((await rawUpgrade(wsUrl(inside.token, laterId))).status).toBe(401);
    const res = await new Browserish(server.url).request('GET', `/api/join/${link.token}`);
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe('MEETING_CLOSED');
    expect(await audited('invite.refused', 'MEETING_CLOSED')).toBe(1);
  });

  it('never lets concurrent joins exceed the use limit', async () => {
    const { id, token } = await invite({ maxUses: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => join(token, `Person ${i}`)));
    const statuses = results.map((r) => r.res.status).sort();
    expect(statuses).toEqual([201, 201, 201, 410, 410, 410, 410, 410]);
    expect((await server.ctx.db.invite.findUniqueOrThrow({ where: { id } })).uses).toBe(3);
    expect(await server.ctx.db.participant.count({ where: { inviteId: id } })).toBe(3);
  });

  it("an invitee sees only their own meeting: another meeting's doc is 403, its REST summary 404", async () => {
    const rep = await joined((await invite()).token);
    await admit(rep.participantId);
    expect((await rawUpgrade(wsUrl(rep.token, otherMeetingId))).status).toBe(403);
    expect(await handshakeOutcome(control(rep.token, otherMeetingId))).toBe('FORBIDDEN');
    expect((await rep.browser.request('GET', `/api/meetings/${otherMeetingId}`)).status).toBe(404);
    expect((await rep.browser.request('GET', `/api/meetings/${meetingId}`)).status).toBe(200);
    const all = (await (await rep.browser.request('GET', '/api/meetings')).json()) as { id: string }[];
    expect(all.map((m) => m.id)).toEqual([meetingId]);
    await waitFor(
      async () => (await server.ctx.db.auditEvent.count({ where: { action: 'collab.refused', actorId: rep.participantId, details: { path: ['status'], equals: 403 } } })) === 1,
      'the refusal audited',
    );
  });

  it("drops an invited observer's edits: nobody receives them, nothing is stored", async () => {
    const obs = await joined((await invite({ role: 'OBSERVER', agencyCode: 'MSD' })).token, 'Observer Person');
    await admit(obs.participantId);
    const [observerDoc, chairDoc] = [docOf(obs.token), docOf(sessionToken(staff.chair!))];
    await Promise.all([synced(observerDoc), synced(chairDoc)]);
    const itemId = listItems(chairDoc.doc)[1]!.id;
    rationaleText(getItem(observerDoc.doc, itemId)!).insert(0, 'OBSERVER WROTE THIS ');
    rationaleText(getItem(chairDoc.doc, itemId)!).insert(0, 'marker ');
    await waitFor(() => rationaleText(getItem(observerDoc.doc, itemId)!).toString().includes('marker'), 'the marker edit');
    await server.ctx.docs.persistence.flush();
    expect(rationaleText(getItem(chairDoc.doc, itemId)!).toString()).not.toContain('OBSERVER');
    expect(await server.ctx.db.docUpdate.count({ where: { participantId: obs.participantId } })).toBe(0);
  });

  it('auditors never open meeting content, and foreign origins are refused — both audited', async () => {
    const auditorToken = sessionToken(staff.auditor!);
    expect((await rawUpgrade(wsUrl(auditorToken))).status).toBe(403);
    expect(await handshakeOutcome(control(auditorToken))).toBe('FORBIDDEN');

    const rep = await joined((await invite()).token);
    await admit(rep.participantId);
    expect((await rawUpgrade(wsUrl(rep.token), { origin: 'https://evil.example' })).status).toBe(403);
    // Refused before the handshake, at the transport: the client would retry, so stop it.
    const foreign = control(rep.token, meetingId, { origin: 'https://evil.example' });
    expect(await handshakeOutcome(foreign)).not.toBe('connected');
    foreign.close();
    const allowed = await rawUpgrade(wsUrl(rep.token), { origin: server.url });
    expect(allowed.status).toBe(101);
    allowed.ws!.close();

    await waitFor(async () => (await server.ctx.db.auditEvent.count({
      where: { action: 'collab.refused', details: { path: ['reason'], equals: 'websocket from another site' } },
    })) === 1, 'the foreign websocket audited');
    await waitFor(async () => (await audited('control.refused', 'FORBIDDEN_ORIGIN')) >= 1, 'the foreign handshake audited');
    const auditor = await server.ctx.db.user.findUniqueOrThrow({ where: { email: 'auditor@demo.test' } });
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'collab.refused', actorId: auditor.id } })) === 1, 'the auditor refusal audited');
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'control.refused', actorId: auditor.id } })).toBe(1);
  });

  it('does not sign a staff browser out by joining through a link, and gives staff no lobby', async () => {
    const { token } = await invite();
    const res = await staff.chair!.request('POST', `/api/join/${token}`, { displayName: 'Chair', mode: 'IN_ROOM', confidentialityAcknowledged: true });
    expect(res.status).toBe(409);
    expect((await staff.chair!.request('GET', '/api/me')).status).toBe(200);
    expect((await staff.chair!.request('GET', '/api/lobby')).status).toBe(403);
    expect((await new Browserish(server.url).request('GET', '/api/lobby')).status).toBe(401);
  });

  it('requires the confidentiality acknowledgement and a name', async () => {
    const { token } = await invite();
    const post = (body: unknown) => new Browserish(server.url).request('POST', `/api/join/${token}`, body);
    expect((await post({ displayName: 'A', mode: 'REMOTE', confidentialityAcknowledged: false })).status).toBe(400);
    expect((await post({ displayName: 'A', mode: 'REMOTE' })).status).toBe(400);
    expect((await post({ displayName: '   ', mode: 'REMOTE', confidentialityAcknowledged: true })).status).toBe(400);
    expect((await post({ displayName: 'x'.repeat(101), mode: 'REMOTE', confidentialityAcknowledged: true })).status).toBe(400);
  });
});

describe('behind a TLS proxy (TRUST_PROXY=true)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    const res = await chair.request('POST', `/api/meetings/${meeting.id}/invites`, {
      agencyCode: 'POLICE', role: 'REP', expiresAt: inHours(2), maxUses: 5,
    }, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'samroom.example.nz' });
    const { url } = CreatedInvite.parse(await res.json());
    expect(url).toMatch(/^https:\/\/samroom\.example\.nz\/join\//);
    token = url.split('/join/')[1]!;
  });
  afterAll(() => server?.stop());

  it('sets the invitee cookie Secure', async () => {
    const res = await new Browserish(server.url).request(
      'POST', `/api/join/${token}`, { displayName: 'Tama', mode: 'REMOTE', confidentialityAcknowledged: true }, { 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  it('rate-limits unknown links per client address: 30 in 10 minutes, then 429', async () => {
    const guess = (ip: string, t = randomBytes(32).toString('base64url')) =>
      fetch(`${server.url}/api/join/${t}`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push(await guess('203.0.113.7'));
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(await guess('203.0.113.7', token)).toBe(429);
    // Another address is unaffected, and working links do not count.
    expect(await guess('198.51.100.9', token)).toBe(200);
    expect(await guess('198.51.100.9')).toBe(404);
  });
});
