import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CreatedInvite } from '../../shared/api/invites.js';
import { getItem, listItems, meetingDocName, prepDocName, rationaleText } from '../../shared/meeting-doc/index.js';
import { disableUser } from '../../server/auth/disable-user.js';
import { connectDoc, rawUpgrade, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

/**
 * Holds back what the server sends a stock client, so that an edit the client makes meanwhile
 * is in flight: sent after the server ended its access, before the client could know.
 */
function holdIncoming(client: CollabClient): () => void {
  const socket = (client.provider.ws as unknown as { _socket: NetSocket })._socket;
  socket.pause();
  return () => socket.resume();
}

/** Resolves with how long after `since` the server closed the control socket (failing after 5 s). */
function serverDisconnect(control: ControlClient, since: () => number): Promise<{ ms: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('the control socket stayed connected')), 5000 + Math.max(since() - Date.now(), 0));
    control.socket.once('disconnect', (reason) => {
      clearTimeout(timeout);
      resolve({ ms: Date.now() - since(), reason });
    });
  });
}

describe('access ends when it should: live document and control connections close, and nothing sent afterwards is applied', () => {
  let server: TestServer;
  let meetingId: string;
  let docName: string;
  let itemId: string;
  let chairControl: ControlClient;
  let chairDoc: CollabClient;
  const open: (ControlClient | CollabClient)[] = [];
  const track = <T extends ControlClient | CollabClient>(c: T) => {
    open.push(c);
    return c;
  };
  const doc = (token: string, name = docName) => track(connectDoc(server.url, name, token));
  const control = (token: string) => track(connectControl(server.url, meetingId, token));
  const wsUrl = (token: string) => `${server.url.replace('http', 'ws')}/collab/${docName}?token=${token}`;
  const text = (c: CollabClient) => rationaleText(getItem(c.doc, itemId)!).toString();

  async function staff(who: string) {
    const browser = new Browserish(server.url);
    expect((await browser.login(`${who}@demo.test`)).status).toBe(200);
    await browser.acknowledge(meetingId);
    return { browser, token: sessionToken(browser) };
  }

  /** A document and a control connection for one session, both up. */
  async function connected(token: string) {
    const d = doc(token);
    const c = control(token);
    await synced(d);
    expect(await handshakeOutcome(c)).toBe('connected');
    return { d, c };
  }

  /** What the server holds, stored: the database copy, not any client's. */
  async function storedText(): Promise<string> {
    await server.ctx.docs.persistence.flush();
    const stored = new Y.Doc();
    const state = await server.ctx.docs.persistence.load(docName);
    if (state) Y.applyUpdate(stored, state);
    return rationaleText(getItem(stored, itemId)!).toString();
  }

  /** The edit arrived after access ended: nobody sees it and it is not stored. */
  async function notApplied(marker: string): Promise<void> {
    await new Promise((r) => setTimeout(r, 500));
    expect(text(chairDoc)).not.toContain(marker);
    expect(await storedText()).not.toContain(marker);
  }

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM' }, select: { id: true } })).id;
    docName = meetingDocName(meetingId);
    const chair = await staff('chair');
    chairControl = control(chair.token);
    chairDoc = doc(chair.token);
    await synced(chairDoc);
    expect(await handshakeOutcome(chairControl)).toBe('connected');
    itemId = listItems(chairDoc.doc)[0]!.id;
  });
  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    await server?.stop();
  });

  it('logout: both connections close within a second, and an edit already in flight is not applied', async () => {
    const police = await staff('police');
    const { d, c } = await connected(police.token);
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'Police before logout. ');
    await waitFor(() => text(chairDoc).includes('Police before logout.'), 'the edit before logout');

    let t0 = 0;
    const controlClosed = serverDisconnect(c, () => t0);
    const release = holdIncoming(d);
    t0 = Date.now();
    expect((await police.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'SENT AFTER LOGOUT ');
    release();

    const closed = await controlClosed;
    expect(closed.ms).toBeLessThan(1000);
    expect(closed.reason).toBe('io server disconnect');
    expect(c.last('access:ended')).toEqual({ reason: 'You signed out' });
    await waitFor(() => !d.provider.wsconnected, 'the document connection to close', 1000 - (Date.now() - t0));
    await notApplied('SENT AFTER LOGOUT');
    expect((await rawUpgrade(wsUrl(police.token))).status).toBe(401);
  });

  it('session expiry: both connections close when the session runs out, and not before if it was extended meanwhile', async () => {
    const ot = await staff('ot');
    const session = await server.ctx.db.session.findFirstOrThrow({ where: { user: { email: 'ot@demo.test' } }, orderBy: { createdAt: 'desc' } });
    // A session about to run out, then extended once while its connections are open.
    await server.ctx.db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 1500) } });
    const { d, c } = await connected(ot.token);
    const expiresAt = Date.now() + 3000;
    await server.ctx.db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(expiresAt) } });
    const controlClosed = serverDisconnect(c, () => expiresAt);

    await new Promise((r) => setTimeout(r, 2200));
    expect(d.provider.wsconnected).toBe(true);
    expect(c.socket.connected).toBe(true);
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'OT within the session. ');
    await waitFor(() => text(chairDoc).includes('OT within the session.'), 'an edit while the session lasts');

    const closed = await controlClosed;
    expect(closed.ms).toBeGreaterThanOrEqual(0);
    expect(closed.ms).toBeLessThan(1000);
    expect(c.last('access:ended')?.reason).toMatch(/session has expired/);
    await waitFor(() => !d.provider.wsconnected, 'the document connection to close', 1000);
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'AFTER EXPIRY ');
    await notApplied('AFTER EXPIRY');
  });

  it('account disabled: every session of the account ends, its connections close within a second, and it cannot sign in', async () => {
    const health = await staff('health');
    const second = await staff('health');
    const first = await connected(health.token);
    const other = await connected(second.token);
    const user = await server.ctx.db.user.findUniqueOrThrow({ where: { email: 'health@demo.test' } });

    let t0 = 0;
    const closedA = serverDisconnect(first.c, () => t0);
    const closedB = serverDisconnect(other.c, () => t0);
    const release = holdIncoming(first.d);
    t0 = Date.now();
    await disableUser(server.ctx, user.id, { actorId: null, actorLabel: 'site administrator (test)' });
    rationaleText(getItem(first.d.doc, itemId)!).insert(0, 'SENT AFTER DISABLEMENT ');
    release();

    for (const closed of [await closedA, await closedB]) expect(closed.ms).toBeLessThan(1000);
    await waitFor(() => !first.d.provider.wsconnected && !other.d.provider.wsconnected, 'both document connections to close', 1000);
    await notApplied('SENT AFTER DISABLEMENT');

    expect(await server.ctx.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect((await new Browserish(server.url).login('health@demo.test')).status).toBe(401);
    expect((await rawUpgrade(wsUrl(second.token))).status).toBe(401);
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'user.disable', subjectId: user.id } })).toBe(1);
  });

  it('removed from the meeting: the meeting and prep documents close too, and an edit already in flight is not applied', async () => {
    const msd = await staff('msd');
    const { d, c } = await connected(msd.token);
    const prep = doc(msd.token, prepDocName(meetingId, 'MSD'));
    await synced(prep);
    const participant = await server.ctx.db.participant.findFirstOrThrow({ where: { meetingId, user: { email: 'msd@demo.test' } } });

    let t0 = 0;
    const controlClosed = serverDisconnect(c, () => t0);
    const release = holdIncoming(d);
    t0 = Date.now();
    expect(await chairControl.send('participant:remove', { participantId: participant.id })).toEqual({ ok: true });
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'SENT AFTER REMOVAL ');
    release();

    expect((await controlClosed).ms).toBeLessThan(1000);
    await waitFor(() => !d.provider.wsconnected && !prep.provider.wsconnected, 'both document connections to close', 1000);
    await notApplied('SENT AFTER REMOVAL');
    expect((await rawUpgrade(wsUrl(msd.token))).status).toBe(403);
  });

  it('invitation withdrawn: an admitted invitee who joined by it is disconnected within a second and cannot come back', async () => {
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const res = await chair.request('POST', `/api/meetings/${meetingId}/invites`, {
      agencyCode: 'IWI', role: 'REP', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), maxUses: 5,
    });
    const invite = CreatedInvite.parse(await res.json());
    const invitee = new Browserish(server.url);
    const joined = await invitee.request('POST', `/api/join/${invite.url.split('/join/')[1]}`, {
      displayName: 'Hēmi Walker', mode: 'REMOTE', confidentialityAcknowledged: true,
    });
    const { participantId } = (await joined.json()) as { participantId: string };
    expect(await chairControl.send('lobby:admit', { participantId })).toEqual({ ok: true });
    const token = sessionToken(invitee);
    const { d, c } = await connected(token);

    let t0 = 0;
    const controlClosed = serverDisconnect(c, () => t0);
    const release = holdIncoming(d);
    t0 = Date.now();
    expect((await chair.request('POST', `/api/invites/${invite.id}/revoke`)).status).toBe(200);
    rationaleText(getItem(d.doc, itemId)!).insert(0, 'SENT AFTER WITHDRAWAL ');
    release();

    expect((await controlClosed).ms).toBeLessThan(1000);
    expect(c.last('access:ended')?.reason).toMatch(/withdrew/);
    await waitFor(() => !d.provider.wsconnected, 'the document connection to close', 1000);
    await notApplied('SENT AFTER WITHDRAWAL');

    expect((await rawUpgrade(wsUrl(token))).status).toBe(401);
    expect((await invitee.request('GET', '/api/lobby')).status).toBe(200);
    expect(await (await invitee.request('GET', '/api/lobby')).json()).toMatchObject({ status: 'REMOVED' });
    const audit = await server.ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'invite.revoke', subjectId: invite.id } });
    expect(audit.details).toMatchObject({ participantsRemoved: [participantId] });
  });
});
