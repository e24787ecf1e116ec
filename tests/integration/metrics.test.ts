import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDocName, rationaleText, listItems } from '../../shared/meeting-doc/index.js';
import { connectDoc, sessionToken, synced, waitFor, type CollabClient } from '../support/collab-client.js';
import { connectControl, type ControlClient } from '../support/control-client.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// An operator's Prometheus scrapes /metrics with the bearer token and sees live what the bench
// measures: the event loop's delay, who is connected, documents held, storing and the bus.

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** A sample's value in Prometheus text (no labels), or undefined when the series is absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer;
  let meetingId: string;
  let token: string;
  const closers: (() => void)[] = [];

  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const gauge = async (name: string) => sample(await scrape(), name);

  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: TOKEN });
    const chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
    const meetings = (await (await chair.request('GET', '/api/meetings')).json()) as { id: string; status: string; kind: string }[];
    meetingId = meetings.find((m) => m.status === 'PREP' && m.kind === 'DAILY_SAM')!.id;
    await chair.acknowledge(meetingId);
    token = sessionToken(chair);
  });
  afterAll(async () => {
    for (const close of closers) close();
    await server?.stop();
  });

  it('refuses a scrape without the token, or with another', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer not-the-token-at-all' }, { Authorization: TOKEN }];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('samroom_');
    }
  });

  it('reports the event-loop delay and nobody connected at first', async () => {
    const text = await scrape();
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'samroom_collab_connections')).toBe(0);
    expect(sample(text, 'samroom_control_connections')).toBe(0);
  });

  it('counts a participant who connects, the document they open and the edits stored, and lets go when they leave', async () => {
    const documentsBefore = (await gauge('samroom_documents_open'))!;
    const batchesBefore = (await gauge('samroom_persist_batch_seconds_count'))!;
    const doc: CollabClient = connectDoc(server.url, meetingDocName(meetingId), token);
    closers.push(() => doc.destroy());
    const control: ControlClient = connectControl(server.url, meetingId, token);
    closers.push(() => control.close());
    await synced(doc);
    expect(await control.outcome).toBe('connected');

    expect(await gauge('samroom_collab_connections')).toBe(1);
    expect(await gauge('samroom_control_connections')).toBe(1);
    expect(await gauge('samroom_documents_open')).toBe(documentsBefore + 1);

    rationaleText(listItems(doc.doc)[0]!).insert(0, 'Whānau safety first. ');
    await waitFor(async () => ((await gauge('samroom_persist_batch_seconds_count')) ?? 0) > batchesBefore, 'a stored batch');
    expect(await gauge('samroom_persist_updates_total')).toBeGreaterThanOrEqual(1);

    doc.destroy();
    control.close();
    await waitFor(async () => (await gauge('samroom_collab_connections')) === 0 && (await gauge('samroom_control_connections')) === 0, 'both connections gone');
  });

  it('times the bus', async () => {
    await waitFor(async () => ((await gauge('samroom_bus_lag_seconds_count')) ?? 0) >= 1, 'a bus probe back');
    expect(await gauge('samroom_bus_lag_seconds_sum')).toBeLessThan(1);
  });
});

describe('without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves no metrics, whatever the request says', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer anything-at-all-here' } });
    expect(await res.text()).not.toContain('samroom_');
  });
});
