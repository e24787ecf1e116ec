import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listItems } from '../../shared/meeting-doc/index.js';
import { createLogger } from '../../server/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The start-up warm-up runs what an open runs (session lookup, access check, the document loaded by
// a registry with the content plane's extensions, synced to a client over a loopback websocket) on
// the open meetings with the most items so the first person to open one does not pay for compiling
// it; it must leave nothing behind: no document loaded, nothing in the document store, no
// participant, nobody's open audited, no connection registered.

describe('warming the document paths at start', () => {
  let server: TestServer;
  const lines: { msg?: string; items?: number; replyBytes?: number }[] = [];

  beforeAll(async () => {
    const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as { msg?: string; items?: number; replyBytes?: number }) });
    server = await startTestServer({}, log);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("builds the items of the open meeting with the most, and its sync reply, before the server takes requests", async () => {
    const warmed = lines.find((l) => l.msg === 'open paths warmed');
    const counts = await server.ctx.db.agendaItem.groupBy({ by: ['meetingId'], where: { meeting: { status: { not: 'CLOSED' } } }, _count: { _all: true } });
    expect(warmed?.items).toBe(Math.max(...counts.map((c) => c._count._all)));
    expect(warmed?.replyBytes).toBeGreaterThan(0);
  });

  it('stores nothing and leaves no document loaded', async () => {
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count()).toBe(0);
    expect(await server.ctx.db.docSnapshot.count()).toBe(0);
    expect((await server.ctx.docs.stats()).documents).toBe(0);
    expect(server.ctx.access.watched).toBe(0);
  });

  it("opens its meetings in a registry that reads the store and never writes to it", async () => {
    const meeting = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: { not: 'CLOSED' }, agendaItems: { some: {} } } });
    const scratch = server.ctx.docs.scratchRegistry();
    // The agenda sync seeds the items into the (unstored) document as it loads: edits of the server's own.
    const items = await scratch.withDoc({ kind: 'meeting', meetingId: meeting.id }, ({ doc }) => listItems(doc).length);
    expect(items).toBeGreaterThan(0);
    await scratch.close();
    await server.ctx.docs.persistence.flush();
    expect(await server.ctx.db.docUpdate.count()).toBe(0);
    expect((await server.ctx.docs.stats()).documents).toBe(0);
  });

  it('admits nobody and audits nothing: its access check is refused without a write', async () => {
    expect(await server.ctx.db.participant.count({ where: { displayName: 'warm-up' } })).toBe(0);
    expect(await server.ctx.db.auditEvent.count({ where: { action: { in: ['doc.open', 'collab.refused'] } } })).toBe(0);
  });
});
