import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/server.js';
import { Browserish, startTestServer, type TestServer } from '../support/server.js';

// Two processes behind one load balancer must accept each other's sessions. Each process started
// by hand would generate a secret of its own into its own DATA_DIR; the second now refuses to
// start instead of quietly refusing the first one's sessions.
describe('one session secret for every process on a database', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const second = (env: Record<string, string>) =>
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: server.ctx.config.DATABASE_URL ?? '', SEED_DEMO: 'false', AUDIT_KEY: server.ctx.config.AUDIT_KEY, ...env });

  it('refuses to start a process with another secret, saying what to do', async (ctx) => {
    if (!server.ctx.config.DATABASE_URL) return ctx.skip(); // embedded PGlite serves one process only
    const config = await second({ SESSION_SECRET: 'a-secret-of-its-own-for-the-same-database-0123' });
    const attempt = startServer(config, createLogger('silent'));
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/another SESSION_SECRET.*set SESSION_SECRET for all of them/);
  });

  it('starts a process with the same secret, which accepts the first one’s sessions', async (ctx) => {
    if (!server.ctx.config.DATABASE_URL) return ctx.skip();
    const config = await second({ DATA_DIR: server.ctx.config.DATA_DIR });
    const other = await startServer(config, createLogger('silent'));
    try {
      const chair = new Browserish(server.url);
      await chair.login('chair@demo.test');
      const res = await fetch(`http://127.0.0.1:${other.port}/api/me`, { headers: { cookie: chair.sessionCookie } });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
