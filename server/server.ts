import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { todayInNz } from '../shared/nz-time.js';
import { LiveAccess } from './access/live-access.js';
import type { AppContext } from './app-context.js';
import { createApp } from './app.js';
import { AuditLog } from './audit/audit-log.js';
import { AuditCheckpointer } from './audit/checkpointer.js';
import { CheckpointFile } from './audit/checkpoint-file.js';
import { MeetingCalendar } from './calendar/meeting-calendar.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { checkSessionSecret } from './auth/session-secret-check.js';
import { SessionStore } from './auth/sessions.js';
import type { Bus } from './bus/bus.js';
import { MemoryBus } from './bus/memory-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import type { Config } from './config.js';
import { openDbTarget } from './db/adapter.js';
import { createPrismaClient } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import { attachCollab } from './collab/collab-server.js';
import { ContentPlane } from './collab/content-plane.js';
import { flushDelayFor } from './collab/persistence.js';
import { warmOpenPaths } from './collab/warm-up.js';
import { helperThreadsSettled } from './helper-threads.js';
import { createLogger, type Logger } from './logger.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { smtpMailer } from './reminders/mailer.js';
import { Reminders } from './reminders/reminders.js';
import { ControlPlane } from './signal/control-plane.js';
import { seedDemo } from './seed/seed-demo.js';
import { DueCheck } from './retention/due-check.js';
import { loadRetentionRules } from './retention/retention-rules.js';

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  http: Server;
  /** What the demo seed did on this start (null when the database already had data). */
  demo: { chairEmail: string; password: string; generatedPassword: boolean } | null;
  close(): Promise<void>;
  /** Calls `listener` if the database stops for good (the embedded one's thread ended): nothing works after. */
  onDatabaseFailure(listener: (err: Error) => void): void;
}

/** How long a start waits at most for V8's helper threads to finish its work before listening. */
const START_SETTLE_MAX_MS = 1000;

async function openBus(config: Config, log: Logger): Promise<Bus> {
  if (!config.REDIS_URL) return new MemoryBus();
  const bus = new RedisBus(config.REDIS_URL, log);
  await bus.connect();
  return bus;
}

/** Opens the database (migrating it), seeds an empty one, and serves the app on config.PORT. */
export async function startServer(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningServer> {
  const target = await openDbTarget({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  target.onFailure((err) => log.fatal({ err }, 'the embedded database stopped: every request that needs it fails until the server restarts'));
  const applied = await applyMigrations(target.adapter);
  if (applied.length) log.info({ applied }, 'database migrated');
  const db = createPrismaClient(target);
  // Before anything is recorded or served: a process with another session secret or audit key than
  // the database's other processes stops here.
  const audit = await checkSessionSecret(db, config.SESSION_SECRET)
    .then(() => AuditLog.open(db, config.AUDIT_KEY, new CheckpointFile(config.AUDIT_CHECKPOINT_FILE, config.AUDIT_KEY)))
    .catch(async (err: unknown) => {
      await db.$disconnect();
      await target.close();
      throw err;
    });
  const retention = await loadRetentionRules(config.RETENTION_RULES_FILE);
  const checkpointer = new AuditCheckpointer(audit, config.AUDIT_CHECKPOINT_INTERVAL_MS, log);
  await checkpointer.start();

  let demo: RunningServer['demo'] = null;
  if (config.SEED_DEMO) {
    const password = config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
    const seeded = await seedDemo(db, { today: todayInNz(), password });
    if (seeded.seeded) demo = { chairEmail: seeded.chairEmail, password, generatedPassword: !config.DEMO_PASSWORD };
  }

  const bus = await openBus(config, log);
  const access = new LiveAccess(db, bus, log);
  await access.start();
  const docs = new ContentPlane(db, target.sql, bus, audit, log, {
    maxDocBytes: config.MAX_DOC_BYTES, unloadDelayMs: config.DOC_UNLOAD_DELAY_MS, flushDelayMs: flushDelayFor(target.kind),
  });
  await docs.start();
  const sessions = new SessionStore(db, config.SESSION_SECRET, config.LOCAL_SIGN_IN);
  await warmOpenPaths(db, sessions, docs, access, log);
  const loginThrottle = await LoginThrottle.open(config.REDIS_URL, log);
  const base = { config, db, dbKind: target.kind, sql: target.sql, dumpDatabase: target.dump, retention, log, bus, audit, access, docs, loginThrottle, sessions };
  const control = new ControlPlane(base);
  const ctx: AppContext = { ...base, control };
  const calendar = new MeetingCalendar(ctx, config.CALENDAR_INTERVAL_MS);
  await calendar.start();
  const reminders = new Reminders(ctx, {
    intervalMs: config.REMINDER_INTERVAL_MS, digestTime: config.REMINDER_DIGEST_TIME, appUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    maxAttempts: config.REMINDER_MAX_ATTEMPTS, retryBaseMs: config.REMINDER_RETRY_BASE_MS,
  }, config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.SMTP_FROM) : null);
  reminders.start();
  const dueCheck = new DueCheck(db, audit, retention, config.RETENTION_CHECK_INTERVAL_MS, log);
  dueCheck.start();
  const metrics = config.METRICS_TOKEN ? new ServerMetrics({ docs, bus, controlConnections: () => control.io.engine.clientsCount }) : null;
  await metrics?.start();
  const http = createServer(createApp(ctx, metrics));
  await control.attach(http);
  attachCollab(http, ctx);
  // Last before listening: what the start (and its warm-up) left V8's helper threads to do is done.
  log.info(await helperThreadsSettled(START_SETTLE_MAX_MS), 'start-up compilation settled');
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, resolve);
  });
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      // Store every edit before anything else goes away; clients reconnect and resend the rest.
      await calendar.stop();
      await reminders.stop();
      await dueCheck.stop();
      await metrics?.stop();
      await control.close();
      await docs.close();
      http.closeAllConnections();
      await stopped;
      await bus.close();
      await checkpointer.stop().catch((err: unknown) => log.error({ err }, 'writing the last audit checkpoint failed'));
      await loginThrottle.close();
      await db.$disconnect();
      await target.close();
    })());

  return { url: `http://localhost:${port}`, port, ctx, http, demo, close, onDatabaseFailure: target.onFailure };
}
