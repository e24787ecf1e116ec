import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem, listItems, meetingDocName, rationaleText } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, handshakeOutcome, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('closed is closed: opening a closed meeting reads it and changes nothing, attendance included', () => {
  let server: TestServer;
  let closedId: string;
  const b: Record<string, Browserish> = {};
  const open: (ControlClient | CollabClient)[] = [];
  const db = () => server.ctx.db;

  const attendanceOf = async () => {
    const md = await (await b.chair!.request('GET', `/api/meetings/${closedId}/minutes?format=md`)).text();
    const start = md.indexOf('## Attendance');
    expect(start).toBeGreaterThanOrEqual(0);
    return md.slice(start, md.indexOf('\n## ', start + 1));
  };
  const rows = () => db().participant.findMany({
    where: { meetingId: closedId },
    select: { id: true, userId: true, admittedAt: true, joinedAt: true, leftAt: true, removedAt: true },
    orderBy: { id: 'asc' },
  });
  const attendanceEvents = () => db().auditEvent.count({ where: { meetingId: closedId, action: { in: ['participant.join', 'participant.leave'] } } });

  beforeAll(async () => {
    server = await startTestServer();
    closedId = (await db().meeting.findFirstOrThrow({ where: { status: 'CLOSED', site: { code: 'CANTERBURY' } } })).id;
    for (const who of ['chair', 'health']) {
      b[who] = new Browserish(server.url);
      await b[who].login(`${who}@demo.test`);
    }
    // Health did not attend this one.
    await db().participant.deleteMany({ where: { meetingId: closedId, user: { email: 'health@demo.test' } } });
  });
  afterAll(async () => {
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    await server?.stop();
  });

  it('opens the document and the control socket to an attendee and to someone who did not attend, and freezes attendance', async () => {
    const before = await rows();
    const minutes = await attendanceOf();
    const events = await attendanceEvents();
    const chairRow = before.find((r) => r.admittedAt !== null && r.leftAt !== null);
    expect(chairRow).toBeDefined();

    for (const who of ['chair', 'health']) {
      const doc = connectDoc(server.url, meetingDocName(closedId), sessionToken(b[who]!));
      const control = connectControl(server.url, closedId, sessionToken(b[who]!));
      open.push(doc, control);
      await synced(doc);
      expect(await handshakeOutcome(control)).toBe('connected');
      await waitFor(() => control.last('meeting:status')?.status === 'CLOSED', 'the closed status');
      // Read-only: an edit is dropped, never stored or sent on.
      const first = listItems(doc.doc)[0];
      if (first) rationaleText(getItem(doc.doc, first.id)!).insert(0, 'after the close ');
    }
    for (const c of open) 'close' in c ? c.close() : c.destroy();
    // The control plane records a leave once the last socket is gone; give it time to (not) do so.
    await new Promise((r) => setTimeout(r, 300));

    const after = await rows();
    expect(after.filter((r) => before.some((x) => x.id === r.id))).toEqual(before);
    // Reading left a row for Health (it names them in the access history) that is not attendance.
    const health = after.filter((r) => !before.some((x) => x.id === r.id));
    expect(health).toHaveLength(1);
    expect(health[0]).toMatchObject({ admittedAt: null, joinedAt: null, leftAt: null });
    expect(await attendanceEvents()).toBe(events);
    expect(await attendanceOf()).toBe(minutes);
    expect(await db().docUpdate.count({ where: { doc: meetingDocName(closedId), participantId: { not: null } } })).toBe(0);
  });

  it("refuses the chair's commands on a closed meeting: nothing about it moves, nobody is removed or admitted", async () => {
    const control = connectControl(server.url, closedId, sessionToken(b.chair!));
    open.push(control);
    expect(await handshakeOutcome(control)).toBe('connected');
    const meeting = await db().meeting.findUniqueOrThrow({ where: { id: closedId } });
    const item = await db().agendaItem.findFirstOrThrow({ where: { meetingId: closedId } });
    const chair = await db().user.findUniqueOrThrow({ where: { email: 'chair@demo.test' } });
    const attendee = (await rows()).find((r) => r.admittedAt !== null && r.userId !== chair.id)!;
    const before = await rows();

    for (const [command, payload] of [
      ['focus:set', { itemId: item.id }],
      ['timer:start', { itemId: item.id }],
      ['participant:remove', { participantId: attendee.id }],
      ['item:reopen', { itemId: item.id }],
    ] as const) {
      const ack = await control.send(command, payload);
      expect(!ack.ok && ack.error.code, command).toBe('MEETING_CLOSED');
    }
    expect(await db().meeting.findUniqueOrThrow({ where: { id: closedId } })).toEqual(meeting);
    expect(await rows()).toEqual(before);
  });
});
