import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browserish, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

describe('sign-in API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('signs the chair in with an HttpOnly, SameSite=Strict session cookie and says who they are', async () => {
    const chair = new Browserish(server.url);
    const res = await chair.login('Chair@Demo.Test');
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^samroom_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(await res.json()).toMatchObject({ kind: 'staff', email: 'chair@demo.test', role: 'CHAIR', agency: { code: 'POLICE' } });

    const me = await chair.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect((await me.json()).role).toBe('CHAIR');
  });

  it('refuses wrong credentials with 401 in the common error shape, and audits it', async () => {
    const someone = new Browserish(server.url);
    for (const [email, password] of [['chair@demo.test', 'wrong-password'], ['nobody@demo.test', DEMO_PASSWORD]]) {
      const res = await someone.login(email!, password);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' } });
    }
    const failures = await server.ctx.db.auditEvent.count({ where: { action: 'auth.login_failed' } });
    expect(failures).toBe(2);
  });

  it('answers bad input with 400 naming the field', async () => {
    const res = await new Browserish(server.url).request('POST', '/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues[0].path).toBe('email');
  });

  it('answers malformed JSON with 400, not a crash', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'samroom' }, body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
  });

  it('rate-limits repeated failures for one address and email', async () => {
    const guesser = new Browserish(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guesser.login('coordinator@demo.test', `guess-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await guesser.login('coordinator@demo.test', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
  });

  it('logs out: the old cookie no longer works', async () => {
    const rep = new Browserish(server.url);
    await rep.login('police@demo.test');
    const stolen = rep.sessionCookie;
    expect((await rep.request('POST', '/api/auth/logout')).status).toBe(204);
    const res = await fetch(`${server.url}/api/me`, { headers: { cookie: stolen } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses state-changing requests without the CSRF header or from another site', async () => {
    const noHeader = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'chair@demo.test', password: DEMO_PASSWORD }),
    });
    expect(noHeader.status).toBe(403);
    expect((await noHeader.json()).error.code).toBe('CSRF_HEADER_MISSING');
    const foreign = await new Browserish(server.url).request('POST', '/api/auth/login',
      { email: 'chair@demo.test', password: DEMO_PASSWORD }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('FORBIDDEN_ORIGIN');
  });
});
