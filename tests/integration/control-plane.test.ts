import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listItems, meetingDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('meeting control plane (socket.io)', () => {
  let server: TestServer;
  let meetingId: string;
  const tokens: Record<string, string> = {};
  const open: (ControlClient | CollabClient)[] = [];
  const control = (who: string | undefined, headers: Record<string, string> = {}, id = meetingId) => {
    const c = connectControl(server.url, id, who ? tokens[who] : undefined, headers);
    open.push(c);
    return c;
  };
  const connected = async (c: ControlClient) => expect(await handshakeOutcome(c)).toBe('connected');

  beforeAll(async () => {
    server = await startTestServer();
    meetingId = (await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'police', 'ot', 'auditor', 'observer', 'msd']) {
      const b = new Browserish(server.url);
      await b.login(`${who}@demo.test`);
      // Auditors never enter a meeting; everyone else has acknowledged its statement.
      if (who !== 'auditor') await b.acknowledge(meetingId);
      tokens[who] = sessionToken(b);
    }
  });
  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    await server?.stop();
  });

  it('refuses handshakes without a session, from auditors, for unknown meetings, or from another site — and audits them', async () => {
    expect(await handshakeOutcome(control(undefined))).toBe('UNAUTHENTICATED');
    expect(await handshakeOutcome(control('auditor'))).toBe('FORBIDDEN');
    expect(await handshakeOutcome(control('police', {}, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    const bad = connectControl(server.url, 'not-a-uuid', tokens.police);
    open.push(bad);
    expect(await handshakeOutcome(bad)).toBe('BAD_HANDSHAKE');
    expect(await handshakeOutcome(control('police', { origin: 'https://evil.example' }))).not.toBe('connected');
    await waitFor(async () => (await server.ctx.db.auditEvent.count({ where: { action: 'control.refused' } })) >= 4, 'four refusals audited');
  });

  it('keeps the roster right: two tabs are one person, a closed tab leaves no ghost', async () => {
    const chair = control('chair');
    await connected(chair);
    const tab1 = control('police');
    const tab2 = control('police');
    await Promise.all([connected(tab1), connected(tab2)]);
    const police = () => chair.last('roster')?.participants.find((p) => p.agency.code === 'POLICE' && p.role === 'REP');
    await waitFor(() => police()?.connections === 2, 'police with two connections');
    expect(chair.last('roster')!.participants.filter((p) => p.agency.code === 'POLICE' && p.role === 'REP')).toHaveLength(1);
    expect(police()).toMatchObject({ mode: 'IN_ROOM', role: 'REP' });

    tab1.close();
    await waitFor(() => police()?.connections === 1, 'one tab left');
    tab2.close();
    await waitFor(() => police() === undefined, 'police gone from the roster');
    const row = await server.ctx.db.participant.findFirst({ where: { meetingId, user: { email: 'police@demo.test' } } });
    await waitFor(async () => (await server.ctx.db.participant.findUnique({ where: { id: row!.id } }))!.leftAt !== null, 'leftAt recorded');
    // One join and one leave in the audit trail, whatever the number of tabs.
    const attendance = await server.ctx.db.auditEvent.findMany({ where: { subjectId: row!.id, action: { startsWith: 'participant.' } }, select: { action: true } });
    expect(attendance.map((a) => a.action)).toEqual(['participant.join', 'participant.leave']);
  });

  it('refuses chair commands from anyone else (FORBIDDEN, audited) and invalid payloads (fields named)', async () => {
    const rep = control('ot');
    await connected(rep);
    const refused = await rep.send('meeting:start', {});
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the chair can run meeting:start' } });
    expect(await server.ctx.db.auditEvent.count({ where: { action: 'control.forbidden', details: { path: ['command'], equals: 'meeting:start' } } })).toBe(1);

    const chair = control('chair');
    await connected(chair);
    const invalid = await chair.send('focus:set', { itemId: 42 });
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error.code).toBe('VALIDATION_FAILED');
    expect(!invalid.ok && invalid.error.fields?.[0]?.field).toBe('itemId');
  });

  it('rate-limits a socket that floods commands', async () => {
    const rep = control('msd');
    await connected(rep);
    const acks = await Promise.all(Array.from({ length: 40 }, () => rep.send('timer:stop', {})));
    const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(15);
    expect(codes.filter((c) => c === 'FORBIDDEN').length).toBeLessThanOrEqual(20);
  });

  it('recovers broadcasts missed during a brief network drop', async () => {
    const chair = control('chair');
    // Reconnecting after the server has seen the drop, as a real network blip would.
    const rep = connectControl(server.url, meetingId, tokens.ot, {}, 600);
    open.push(rep);
    await Promise.all([connected(chair), connected(rep)]);
    const items = await server.ctx.db.agendaItem.findMany({ where: { meetingId }, select: { id: true }, take: 2 });
    // Recovery resumes from the last broadcast received, so the rep must have had one.
    await waitFor(() => rep.last('roster') !== undefined, 'a first broadcast');
    // Drop the rep's transport without a clean disconnect, as a flaky mobile connection would.
    const dropped = new Promise((resolve) => rep.socket.once('disconnect', resolve));
    rep.socket.io.engine.close();
    await dropped;
    expect((await chair.send('focus:set', { itemId: items[1]!.id })).ok).toBe(true);
    await new Promise<void>((resolve) => rep.socket.once('connect', () => resolve()));
    expect(rep.socket.recovered).toBe(true);
    await waitFor(() => rep.last('focus')?.itemId === items[1]!.id, 'the missed focus broadcast');
  });

  it('everyone follows the focus the chair sets', async () => {
    const chair = control('chair');
    const a = control('police');
    const b = control('observer');
    await Promise.all([connected(chair), connected(a), connected(b)]);
    const docClient = connectDoc(server.url, meetingDocName(meetingId), tokens.chair!);
    open.push(docClient);
    await synced(docClient);
    const target = listItems(docClient.doc)[4]!.id;
    expect(await chair.send('focus:set', { itemId: target })).toEqual({ ok: true });
    await waitFor(() => a.last('focus')?.itemId === target && b.last('focus')?.itemId === target, 'both to follow');
    expect((await chair.send('focus:set', { itemId: 'no-such-item' })).ok).toBe(false);
  });
});
