import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom } from '../support/from-address.js';
import { startRedis } from '../support/redis-process.js';
import { freePort } from '../support/server-process.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

// Each client is a loopback address of its own: the server sees them as different machines.
const login = (server: TestServer, from: string, email: string, password: string) =>
  requestFrom(from, `http://127.0.0.1:${server.port}`, 'POST', '/api/auth/login', { email, password });

describe('sign-in throttling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('stops one address spraying guesses over many accounts, and only that address', async () => {
    const users = (await server.ctx.db.user.findMany({ select: { email: true }, orderBy: { email: 'asc' } })).map((u) => u.email);
    const accounts = Array.from({ length: 12 }, (_, i) => users[i] ?? `nobody-${i}@demo.test`);
    const statuses: number[] = [];
    // 9 guesses per account stay under the per-account limit: only the per-address one can stop this.
    for (let round = 0; round < 9; round++) {
      for (const email of accounts) statuses.push((await login(server, '127.0.0.2', email, `Spring2026-${round}`)).status);
    }
    expect(statuses.slice(0, 100)).toEqual(Array(100).fill(401));
    expect(statuses.slice(100)).toEqual(Array(8).fill(429));
    const limited = await login(server, '127.0.0.2', 'ot@demo.test', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Everyone else signs in as usual.
    expect((await login(server, '127.0.0.3', 'ot@demo.test', DEMO_PASSWORD)).status).toBe(200);
  }, 120_000);

  it("lets an account's owner sign in while the account is attacked from elsewhere", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(server, '127.0.0.4', 'police@demo.test', `guess-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // The attacker's address stays locked even with the right password: a 200 there would confirm a guess.
    expect((await login(server, '127.0.0.4', 'police@demo.test', DEMO_PASSWORD)).status).toBe(429);
    expect((await login(server, '127.0.0.5', 'police@demo.test', 'a-typo')).status).toBe(401);
    expect((await login(server, '127.0.0.5', 'police@demo.test', DEMO_PASSWORD)).status).toBe(200);
  }, 60_000);

  it('counts consecutive failures: signing in starts the count again', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) statuses.push((await login(server, '127.0.0.6', 'health@demo.test', `typo-${i}`)).status);
      statuses.push((await login(server, '127.0.0.6', 'health@demo.test', DEMO_PASSWORD)).status);
    }
    expect(statuses).toEqual([...Array(9).fill(401), 200, ...Array(9).fill(401), 200]);
  }, 60_000);
});

describe('sign-in throttling behind a proxy (TRUST_PROXY=true)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server?.stop());

  it('counts the address the proxy saw, not what the client put before it in X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await requestFrom('127.0.0.9', `http://127.0.0.1:${server.port}`, 'POST', '/api/auth/login',
        { email: 'ot@demo.test', password: `guess-${i}` }, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.50` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const elsewhere = await requestFrom('127.0.0.9', `http://127.0.0.1:${server.port}`, 'POST', '/api/auth/login',
      { email: 'ot@demo.test', password: DEMO_PASSWORD }, { 'x-forwarded-for': '203.0.113.51' });
    expect(elsewhere.status).toBe(200);
  }, 60_000);
});

describe('sign-in throttling across processes', () => {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    // A Redis of its own: counts left by earlier runs in a shared one would change the outcome.
    redis = await startRedis(await freePort());
    for (let i = 0; i < 2; i++) servers.push(await startTestServer({ REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await redis?.stop();
  });

  it('shares the counts through Redis: failures on one process count on the other', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    for (let i = 0; i < 10; i++) expect((await login(a, '127.0.0.7', 'coordinator@demo.test', `guess-${i}`)).status).toBe(401);
    expect((await login(b, '127.0.0.7', 'coordinator@demo.test', 'guess-10')).status).toBe(429);
    expect((await login(b, '127.0.0.8', 'coordinator@demo.test', DEMO_PASSWORD)).status).toBe(200);
  }, 60_000);
});
