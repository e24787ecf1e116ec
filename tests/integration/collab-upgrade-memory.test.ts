import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDocName } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, type CollabClient } from '../support/collab-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// A full collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('memory a collab connection holds', () => {
  let server: TestServer;
  let client: CollabClient | undefined;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('lets go of the upgrade request once the websocket is open', async () => {
    const police = new Browserish(server.url);
    await police.login('police@demo.test');
    const meetings = await (await police.request('GET', '/api/meetings')).json();
    const meetingId: string = meetings.find((m: { status: string; kind: string }) => m.status === 'PREP' && m.kind === 'DAILY_SAM').id;
    await police.acknowledge(meetingId);
    const requests: WeakRef<IncomingMessage>[] = [];
    server.http.prependListener('upgrade', (req: IncomingMessage) => {
      if (req.url?.startsWith('/collab/')) requests.push(new WeakRef(req));
    });

    client = connectDoc(server.url, meetingDocName(meetingId), sessionToken(police));
    await synced(client);
    // A WeakRef's target survives the job that read it: collect on later turns.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      gc();
    }
    expect(client.provider.wsconnected).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.deref()).toBeUndefined();
  });
});
