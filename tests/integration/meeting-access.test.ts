import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CreatedInvite } from '../../shared/api/invites.js';
import { meetingDocName } from '../../shared/meeting-doc/index.js';
import { sessionToken } from '../support/collab-client.js';
import { connectControl, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// One decision says who may open a meeting (server/access/meeting-access.ts). Here each kind of
// person knocks on both doors — the meeting document's websocket and the control socket — and both
// must give the same answer, with the same refusal code, and the answer the rules call for.

/** How the document's websocket upgrade ended: 'connected', or the refusal's code. */
function docOutcome(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve('connected');
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve((JSON.parse(body) as { error: { code: string } }).error.code));
    });
    ws.once('error', (err) => resolve(`error: ${err.message}`));
  });
}

describe('one meeting-access decision for the document and control planes', () => {
  let server: TestServer;
  let liveId: string;
  let closedId: string;
  const tokens: Record<string, string | undefined> = {};
  const sockets: ControlClient[] = [];

  const signIn = async (email: string, acknowledge?: string) => {
    const b = new Browserish(server.url);
    expect((await b.login(email)).status).toBe(200);
    if (acknowledge) await b.acknowledge(acknowledge);
    return b;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.ctx;
    const meetings = await db.meeting.findMany({ where: { site: { code: 'CANTERBURY' } }, select: { id: true, status: true, kind: true } });
    liveId = meetings.find((m) => m.status === 'PREP' && m.kind === 'DAILY_SAM')!.id;
    closedId = meetings.find((m) => m.status === 'CLOSED')!.id;

    const chair = await signIn('chair@demo.test', liveId);
    tokens.chair = sessionToken(chair);
    tokens.police = sessionToken(await signIn('police@demo.test', liveId));
    tokens.observer = sessionToken(await signIn('observer@demo.test', liveId));
    tokens.unacknowledged = sessionToken(await signIn('health@demo.test'));
    tokens.otherSite = sessionToken(await signIn('police.waikato@demo.test'));
    tokens.auditor = sessionToken(await signIn('auditor@demo.test'));
    tokens.anonymous = undefined;

    const chairControl = connectControl(server.url, liveId, tokens.chair);
    sockets.push(chairControl);
    expect(await chairControl.outcome).toBe('connected');
    const lobbyCommand = async (command: 'lobby:admit' | 'participant:remove', participantId: string) =>
      expect(await chairControl.send(command, { participantId })).toEqual({ ok: true });

    // The chair removes a staff member who had entered.
    tokens.removedStaff = sessionToken(await signIn('ot@demo.test', liveId));
    const ot = await db.participant.findFirstOrThrow({ where: { meetingId: liveId, user: { email: 'ot@demo.test' } }, select: { id: true } });
    await lobbyCommand('participant:remove', ot.id);

    // Invitees by link: one still waiting, one admitted, one admitted and then removed.
    const invitee = async (displayName: string) => {
      const res = await chair.request('POST', `/api/meetings/${liveId}/invites`, {
        agencyCode: 'OT', role: 'REP', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 5,
      });
      const token = CreatedInvite.parse(await res.json()).url.split('/join/')[1]!;
      const b = new Browserish(server.url);
      const joined = await b.request('POST', `/api/join/${token}`, { displayName, mode: 'REMOTE', confidentialityAcknowledged: true });
      expect(joined.status).toBe(201);
      return { token: sessionToken(b), participantId: ((await joined.json()) as { participantId: string }).participantId };
    };
    tokens.inviteeWaiting = (await invitee('Tīmoti Waititi-Ó Briain')).token;
    const admitted = await invitee('Ngaio Pōtae');
    await lobbyCommand('lobby:admit', admitted.participantId);
    tokens.inviteeAdmitted = admitted.token;
    const removed = await invitee("Hēnare D'Arcy-Whakarau");
    await lobbyCommand('lobby:admit', removed.participantId);
    await lobbyCommand('participant:remove', removed.participantId);
    tokens.inviteeRemoved = removed.token;

    // The closed meeting: someone who attended it, and a Canterbury member of staff who did not.
    const attendee = await db.participant.findFirstOrThrow({
      where: { meetingId: closedId, admittedAt: { not: null }, user: { role: 'REP' } }, select: { user: { select: { email: true } } },
    });
    tokens.closedAttendee = sessionToken(await signIn(attendee.user!.email));
    const absent = await db.user.findFirstOrThrow({
      where: { role: 'REP', site: { code: 'CANTERBURY' }, participants: { none: { meetingId: closedId } } }, select: { email: true },
    });
    tokens.closedNonAttendee = sessionToken(await signIn(absent.email));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.stop();
  });

  const both = async (who: string, meetingId: string) => {
    const token = tokens[who];
    const doc = await docOutcome(`${server.url.replace('http', 'ws')}/collab/${meetingDocName(meetingId)}${token ? `?token=${token}` : ''}`);
    const control = connectControl(server.url, meetingId, token);
    sockets.push(control);
    const outcome = await control.outcome;
    control.close();
    return { doc, control: outcome };
  };

  it.each([
    ['anonymous', 'live', 'UNAUTHENTICATED'],
    ['chair', 'live', 'connected'],
    ['police', 'live', 'connected'],
    ['observer', 'live', 'connected'],
    ['unacknowledged', 'live', 'CONFIDENTIALITY_NOT_ACKNOWLEDGED'],
    ['otherSite', 'live', 'NOT_FOUND'],
    ['auditor', 'live', 'FORBIDDEN'],
    ['removedStaff', 'live', 'FORBIDDEN'],
    ['inviteeWaiting', 'live', 'FORBIDDEN'],
    ['inviteeAdmitted', 'live', 'connected'],
    ['inviteeAdmitted', 'closed', 'FORBIDDEN'],
    ['inviteeRemoved', 'live', 'UNAUTHENTICATED'],
    ['closedAttendee', 'closed', 'connected'],
    ['closedNonAttendee', 'closed', 'connected'],
    ['unacknowledged', 'closed', 'connected'],
  ])('%s opening the %s meeting: both planes answer %s', async (who, which, expected) => {
    const outcome = await both(who, which === 'live' ? liveId : closedId);
    expect(outcome).toEqual({ doc: expected, control: expected });
  });
});
