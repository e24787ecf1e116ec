import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// The room asks for the meeting's details just before it connects to the meeting's document: the
// server starts loading the document then, for someone the meeting is open to, so the load
// overlaps the browser's own work. Someone who must acknowledge the confidentiality statement
// first loads nothing.
describe("the meeting's details start loading its document", () => {
  let server: TestServer;
  let meetingId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    meetingId = await chair.prepMeetingId();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const loadedDocuments = async () => (await server.ctx.docs.stats()).documents;

  it('for someone the meeting is open to, and not before they have acknowledged', async () => {
    const police = new Browserish(server.url);
    await police.login('police@demo.test');
    const before = await (await police.request('GET', `/api/meetings/${meetingId}`)).json();
    expect(before.confidentiality.required).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await loadedDocuments()).toBe(0);

    await police.acknowledge(meetingId);
    const after = await (await police.request('GET', `/api/meetings/${meetingId}`)).json();
    expect(after.confidentiality.required).toBe(false);
    await waitFor(async () => (await loadedDocuments()) === 1, 'the meeting document to load');
  });
});
