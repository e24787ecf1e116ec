import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInNz } from '../../shared/nz-time.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

describe('health, contract and meetings API', () => {
  let server: TestServer;
  let chair: Browserish;
  beforeAll(async () => {
    server = await startTestServer();
    chair = new Browserish(server.url);
    await chair.login('chair@demo.test');
  });
  afterAll(() => server?.stop());

  it('reports health with the database and bus in use', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: server.ctx.dbKind, bus: 'memory', dbReachable: true });
  });

  it('publishes an OpenAPI 3.1 contract generated from the routes', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/meetings', '/api/meetings/{id}', '/api/health']));
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(login.responses).toHaveProperty('401');
  });

  it('sends security headers', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it("lists today's seeded Canterbury meeting", async () => {
    const sites = await (await chair.request('GET', '/api/sites')).json();
    const canterbury = sites.find((s: { code: string }) => s.code === 'CANTERBURY');
    const res = await chair.request('GET', `/api/meetings?siteId=${canterbury.id}&date=${todayInNz()}`);
    expect(res.status).toBe(200);
    const meetings = await res.json();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ siteName: canterbury.name, date: todayInNz(), kind: 'DAILY_SAM', status: 'PREP' });
    expect(meetings[0].itemCount).toBeGreaterThan(20);
  });

  it('needs a session to list meetings', async () => {
    const res = await fetch(`${server.url}/api/meetings`);
    expect(res.status).toBe(401);
  });

  it('creates a meeting for chairs only, refuses a duplicate and a bad date', async () => {
    // At Waikato, which has no earlier meeting: nothing is carried over onto the new list.
    const waikatoChair = new Browserish(server.url);
    await waikatoChair.login('chair.waikato@demo.test');
    const [waikato] = await (await waikatoChair.request('GET', '/api/sites')).json();
    const body = { siteId: waikato.id, date: '2031-12-01', kind: 'DAILY_SAM' };
    const created = await waikatoChair.request('POST', '/api/meetings', body);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ siteName: 'Waikato', date: '2031-12-01', status: 'PREP', itemCount: 0 });
    expect((await waikatoChair.request('POST', '/api/meetings', body)).status).toBe(409);

    const bad = await waikatoChair.request('POST', '/api/meetings', { ...body, date: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.issues[0].path).toBe('date');

    const rep = new Browserish(server.url);
    await rep.login('health.waikato@demo.test');
    const refused = await rep.request('POST', '/api/meetings', { ...body, date: '2031-12-02' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('FORBIDDEN');
  });

  it('answers unknown API paths with 404 in the common shape', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });
});
