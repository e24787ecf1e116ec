import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDocName } from '../../shared/meeting-doc/index.js';
import { rawUpgrade, sessionToken } from '../support/collab-client.js';
import { connectControl } from '../support/control-client.js';
import { Browserish, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

describe('Cache-Control on API responses', () => {
  let server: TestServer;
  let chair: Browserish;
  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
  });
  afterAll(() => server?.stop());

  it('is no-store on JSON answers, errors of every kind, and exports', async () => {
    const closed = await server.ctx.db.meeting.findFirstOrThrow({ where: { status: 'CLOSED', site: { code: 'CANTERBURY' } } });
    const answers = [
      await chair.request('GET', '/api/me'),
      await chair.request('GET', `/api/meetings/${closed.id}`),
      await fetch(`${server.url}/api/me`), // 401
      await chair.request('GET', '/api/no-such-thing'), // 404
      await chair.request('GET', '/api/people/search'), // 400
      await fetch(`${server.url}/api/auth/login`, { // malformed body
        method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'samroom' }, body: '{"broken',
      }),
      await chair.request('GET', `/api/meetings/${closed.id}/minutes?format=md`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 400, 400, 200]);
    for (const res of answers) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
  });
});

// Origin checks compare the Origin header with the host the browser asked for. Behind a proxy
// that is X-Forwarded-Host; without one, anybody can send that header.
describe('forwarded headers', () => {
  const evil = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
  const proxied = { origin: 'https://sam.example.nz', 'x-forwarded-host': 'sam.example.nz', 'x-forwarded-proto': 'https' };
  let direct: TestServer;
  let behindProxy: TestServer;
  beforeAll(async () => {
    [direct, behindProxy] = await Promise.all([startTestServer(), startTestServer({ TRUST_PROXY: 'true' })]);
  });
  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
  });

  it('ignores X-Forwarded-Host without TRUST_PROXY: REST, the collab websocket and the control plane', async () => {
    const someone = new Browserish(direct.url);
    const res = await someone.request('POST', '/api/auth/login', { email: 'police@demo.test', password: DEMO_PASSWORD }, evil);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN_ORIGIN');

    const police = new Browserish(direct.url);
    await police.login('police@demo.test');
    const meeting = await direct.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    await police.acknowledge(meeting.id);
    const ws = `${direct.url.replace('http', 'ws')}/collab/${meetingDocName(meeting.id)}?token=${sessionToken(police)}`;
    expect((await rawUpgrade(ws, evil)).status).toBe(403);
    const control = connectControl(direct.url, meeting.id, sessionToken(police), evil);
    expect(await control.outcome).not.toBe('connected');
    control.close();
  });

  it('honours X-Forwarded-Host with TRUST_PROXY=true', async () => {
    const someone = new Browserish(behindProxy.url);
    const res = await someone.request('POST', '/api/auth/login', { email: 'police@demo.test', password: DEMO_PASSWORD }, proxied);
    expect(res.status).toBe(200);
    // The proxy said https: the cookie is Secure.
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const meeting = await behindProxy.ctx.db.meeting.findFirstOrThrow({ where: { status: 'PREP', kind: 'DAILY_SAM', site: { code: 'CANTERBURY' } } });
    await someone.acknowledge(meeting.id);
    const ws = `${behindProxy.url.replace('http', 'ws')}/collab/${meetingDocName(meeting.id)}?token=${sessionToken(someone)}`;
    const opened = await rawUpgrade(ws, proxied);
    expect(opened.status).toBe(101);
    opened.ws?.close();
    // Still not another site's origin.
    const foreign = await someone.request('POST', '/api/auth/logout', undefined, { ...proxied, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });
});
