import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
import { startServer } from './server.js';

// `npm start`: one process serving the client, REST, websockets and socket.io on PORT.
try {
  const config = await loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  installProcessGuards(log);
  const server = await startServer(config, log);

  const lines = [
    '',
    `  SAM Room is running at ${server.url}`,
    `  database: ${server.ctx.dbKind === 'pglite' ? `embedded PostgreSQL in ${config.pgliteDir}` : 'PostgreSQL (DATABASE_URL)'}; bus: ${server.ctx.bus.kind}`,
  ];
  if (server.demo) {
    lines.push(
      `  Demo data seeded. Sign in as the chair: ${server.demo.chairEmail}`,
      server.demo.generatedPassword
        ? `  Password for every demo account (shown once — set DEMO_PASSWORD to choose it): ${server.demo.password}`
        : '  Password for every demo account: the value of DEMO_PASSWORD',
      `  Other demo accounts: coordinator@demo.test, police@demo.test, ot@demo.test, corrections@demo.test, health@demo.test, …`,
      `  Waikato's accounts: chair.waikato@demo.test, police.waikato@demo.test, …; both sites: national.auditor@demo.test`,
    );
  }
  console.log(`${lines.join('\n')}\n  Sign in: ${server.url}/signin\n`);

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Its supervisor restarts the process; the embedded database recovers like PostgreSQL after a crash.
  server.onDatabaseFailure(() => {
    log.flush();
    process.exit(1);
  });
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}
