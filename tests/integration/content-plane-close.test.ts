import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listItems, meetingDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Another process's command (here: an agenda's records changed) makes this one read the
// database on its own. Shutdown must wait for that read: the server disconnects from the
// database right after the content plane closes, and a read still running then would have
// Prisma connect again, a connection that outlives the process's close.
describe("the content plane's close, with a command from another process still reading", () => {
  let server: TestServer;
  let client: CollabClient;
  let meetingId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const police = new Browserish(server.url);
    await police.login('police@demo.test');
    meetingId = await police.prepMeetingId();
    await police.acknowledge(meetingId);
    client = connectDoc(server.url, meetingDocName(meetingId), sessionToken(police));
    await synced(client);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('resolves only once that read has finished', async (ctx) => {
    const url = server.ctx.config.DATABASE_URL;
    if (!url) return ctx.skip(); // the embedded database has one session: nothing can hold a lock beside it
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      // The agenda's records held locked, so the command's read of them waits.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "AgendaItem" IN ACCESS EXCLUSIVE MODE');
      const command = { type: 'agenda-items', meetingId, itemIds: listItems(client.doc).map((item) => item.id) };
      await server.ctx.bus.publish('collab:control', Buffer.from(JSON.stringify(command)));
      const waitingReads = async () => Number((await locker.query(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      )).rows[0].n);
      await waitFor(async () => (await waitingReads()) > 0, 'the command to read the locked records');

      let closed = false;
      const closing = server.ctx.docs.close().then(() => { closed = true; });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(closed, 'closed while the command was still reading').toBe(false);

      await locker.query('COMMIT');
      await closing;
      expect(await waitingReads()).toBe(0);
    } finally {
      await locker.end();
    }
  });
});
