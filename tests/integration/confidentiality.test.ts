import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfidentialityState } from '../../shared/api/confidentiality.js';
import { MeetingDetail } from '../../shared/api/meetings.js';
import { meetingDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, rawUpgrade, sessionToken, synced, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('the confidentiality statement: acknowledged once per meeting by everyone who enters it', () => {
  let server: TestServer;
  let meetingId: string;
  let closedId: string;
  const staff: Record<string, Browserish> = {};
  const open: (ControlClient | CollabClient)[] = [];
  const db = () => server.ctx.db;

  const detail = async (who: Browserish, id = meetingId) => {
    const res = await who.request('GET', `/api/meetings/${id}`);
    expect(res.status).toBe(200);
    return MeetingDetail.parse(await res.json());
  };
  const acknowledge = (who: Browserish, id = meetingId, body: unknown = { acknowledged: true }) =>
    who.request('POST', `/api/meetings/${id}/confidentiality`, body);
  const wsUrl = (who: Browserish, id = meetingId) => `${server.url.replace('http', 'ws')}/collab/${meetingDocName(id)}?token=${sessionToken(who)}`;
  const control = (who: Browserish, id = meetingId) => {
    const c = connectControl(server.url, id, sessionToken(who));
    open.push(c);
    return c;
  };
  const userOf = (who: string) => db().user.findUniqueOrThrow({ where: { email: `${who}@demo.test` } });
  const rowOf = async (who: string, id = meetingId) =>
    db().participant.findUnique({ where: { meetingId_userId: { meetingId: id, userId: (await userOf(who)).id } } });

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['chair', 'police', 'ot', 'health', 'observer', 'auditor']) {
      staff[who] = new Browserish(server.url);
      expect((await staff[who].login(`${who}@demo.test`)).status).toBe(200);
    }
    meetingId = (await db().meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    closedId = (await db().meeting.findFirstOrThrow({ where: { status: 'CLOSED', site: { code: 'CANTERBURY' } } })).id;
  });
  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    await server?.stop();
  });

  it('keeps a meeting in preparation closed to a staff member until they acknowledge, whatever client they use', async () => {
    expect((await detail(staff.police!)).confidentiality).toEqual({ acknowledgedAt: null, required: true });
    const refused = await rawUpgrade(wsUrl(staff.police!));
    expect(refused.status).toBe(403);
    expect(await handshakeOutcome(control(staff.police!))).toBe('CONFIDENTIALITY_NOT_ACKNOWLEDGED');
    // Knocking is not attending: no Participant row, so the minutes don't list them.
    expect(await rowOf('police')).toBeNull();
    expect(await db().auditEvent.count({ where: { action: 'control.refused', details: { path: ['code'], equals: 'CONFIDENTIALITY_NOT_ACKNOWLEDGED' } } })).toBe(1);
  });

  it('records the acknowledgement once, with its time, audited; then the document and control plane open', async () => {
    const before = Date.now();
    const res = await acknowledge(staff.police!);
    expect(res.status).toBe(200);
    const state = ConfidentialityState.parse(await res.json());
    expect(state.required).toBe(false);
    const at = Date.parse(state.acknowledgedAt!);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);

    const row = await rowOf('police');
    expect(row).toMatchObject({ role: 'REP', mode: 'IN_ROOM', removedAt: null });
    expect(row!.confidentialityAckAt!.toISOString()).toBe(state.acknowledgedAt);
    expect(row!.admittedAt).not.toBeNull();
    expect((await detail(staff.police!)).confidentiality).toEqual({ acknowledgedAt: state.acknowledgedAt, required: false });

    // Once per meeting: again answers the first time and records nothing new.
    const again = ConfidentialityState.parse(await (await acknowledge(staff.police!)).json());
    expect(again.acknowledgedAt).toBe(state.acknowledgedAt);
    const events = await db().auditEvent.findMany({ where: { action: 'confidentiality.acknowledge', meetingId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: (await userOf('police')).id, subjectId: row!.id });

    const doc = connectDoc(server.url, meetingDocName(meetingId), sessionToken(staff.police!));
    open.push(doc);
    await synced(doc);
    expect(await handshakeOutcome(control(staff.police!))).toBe('connected');
    // Another meeting's statement is its own.
    const other = await db().meeting.create({ data: { siteId: (await db().site.findFirstOrThrow({ where: { code: 'CANTERBURY' } })).id, date: new Date('2031-05-05T00:00:00Z'), kind: 'ICM_REVIEW' } });
    expect((await detail(staff.police!, other.id)).confidentiality.required).toBe(true);
    expect((await rawUpgrade(wsUrl(staff.police!, other.id))).status).toBe(403);
  });

  it('shows in the minutes\' attendance the time for those who acknowledged and "No" for one who did not', async () => {
    expect((await acknowledge(staff.chair!)).status).toBe(200);
    // An attendee recorded without an acknowledgement (as every staff member was before this rule).
    const health = await userOf('health');
    await db().participant.create({
      data: { meetingId, userId: health.id, displayName: health.displayName, agencyId: health.agencyId, role: 'REP', mode: 'IN_ROOM', admittedAt: new Date() },
    });
    const md = await (await staff.chair!.request('GET', `/api/meetings/${meetingId}/minutes?format=md`)).text();
    const attendance = md.slice(md.indexOf('## Attendance'));
    const line = (name: string) => attendance.split('\n').find((l) => l.includes(name)) ?? '';
    const police = await rowOf('police');
    const time = DateTime.fromJSDate(police!.confidentialityAckAt!, { zone: 'Pacific/Auckland' }).toFormat('HH:mm');
    expect(line(police!.displayName)).toMatch(new RegExp(`\\| Yes, (.* )?${time} \\|`));
    expect(line((await userOf('chair')).displayName)).toContain('| Yes, ');
    expect(line(health.displayName)).toMatch(/\| No \|$/);

    // The health rep must acknowledge before entering, and then the minutes say so.
    expect((await rawUpgrade(wsUrl(staff.health!))).status).toBe(403);
    expect((await acknowledge(staff.health!)).status).toBe(200);
    const after = await (await staff.chair!.request('GET', `/api/meetings/${meetingId}/minutes?format=md`)).text();
    expect(after.split('\n').find((l) => l.includes(health.displayName))).toContain('| Yes, ');
  });

  it('asks observers too, since they see the families; never auditors, who do not enter meetings', async () => {
    expect((await detail(staff.observer!)).confidentiality.required).toBe(true);
    expect((await rawUpgrade(wsUrl(staff.observer!))).status).toBe(403);
    expect((await acknowledge(staff.observer!)).status).toBe(200);
    const upgraded = await rawUpgrade(wsUrl(staff.observer!));
    expect(upgraded.status).toBe(101);
    upgraded.ws!.close();

    expect((await detail(staff.auditor!)).confidentiality).toEqual({ acknowledgedAt: null, required: false });
    expect((await acknowledge(staff.auditor!)).status).toBe(403);
  });

  it('asks nothing for a closed meeting, and reading its record does not add anyone to its attendance', async () => {
    expect((await detail(staff.ot!, closedId)).confidentiality.required).toBe(false);
    const res = await acknowledge(staff.ot!, closedId);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('MEETING_CLOSED');

    const ot = await userOf('ot');
    await db().participant.deleteMany({ where: { meetingId: closedId, userId: ot.id } });
    const attending = await db().participant.count({ where: { meetingId: closedId, admittedAt: { not: null } } });
    const reader = connectDoc(server.url, meetingDocName(closedId), sessionToken(staff.ot!));
    open.push(reader);
    await synced(reader);
    expect(await rowOf('ot', closedId)).toMatchObject({ admittedAt: null, confidentialityAckAt: null });
    expect(await db().participant.count({ where: { meetingId: closedId, admittedAt: { not: null } } })).toBe(attending);
  });

  it('refuses a bad body, an unknown meeting, and a staff member the chair removed', async () => {
    expect((await acknowledge(staff.ot!, meetingId, { acknowledged: false })).status).toBe(400);
    expect((await acknowledge(staff.ot!, meetingId, {})).status).toBe(400);
    expect((await acknowledge(staff.ot!, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await new Browserish(server.url).request('POST', `/api/meetings/${meetingId}/confidentiality`, { acknowledged: true })).status).toBe(401);

    const ot = await userOf('ot');
    await db().participant.create({
      data: { meetingId, userId: ot.id, displayName: ot.displayName, agencyId: ot.agencyId, role: 'REP', mode: 'IN_ROOM', admittedAt: new Date(), removedAt: new Date() },
    });
    expect((await acknowledge(staff.ot!)).status).toBe(403);
    expect((await rowOf('ot'))!.confidentialityAckAt).toBeNull();
  });

  it('takes an invitee’s acknowledgement from the lobby: nothing more to do once admitted', async () => {
    const link = await staff.chair!.request('POST', `/api/meetings/${meetingId}/invites`, {
      agencyCode: 'MSD', role: 'REP', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), maxUses: 1,
    });
    const token = ((await link.json()) as { url: string }).url.split('/join/')[1]!;
    const guest = new Browserish(server.url);
    const joined = await guest.request('POST', `/api/join/${token}`, { displayName: 'Tama Hēnare', mode: 'REMOTE', confidentialityAcknowledged: true });
    expect(joined.status).toBe(201);
    const { participantId } = (await joined.json()) as { participantId: string };
    await db().participant.update({ where: { id: participantId }, data: { admittedAt: new Date() } });
    const state = (await detail(guest)).confidentiality;
    expect(state.required).toBe(false);
    expect(state.acknowledgedAt).toBe((await db().participant.findUniqueOrThrow({ where: { id: participantId } })).confidentialityAckAt!.toISOString());
    const upgraded = await rawUpgrade(wsUrl(guest));
    expect(upgraded.status).toBe(101);
    upgraded.ws!.close();
  });

  it('publishes the acknowledgement in the OpenAPI contract', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const post = doc.paths['/api/meetings/{id}/confidentiality'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
    expect(doc.paths['/api/meetings/{id}'].get.responses[200].content['application/json'].schema).toBeDefined();
  });
});
