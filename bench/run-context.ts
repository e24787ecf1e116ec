import type { BenchConfig } from './config.js';
import type { BenchDb, DbTemplate } from './database.js';
import { startMeasuredServer, type MeasuredServer, type ServerKind } from './measured-server.js';
import type { Prepared } from './template.js';

/** What every scenario run needs: the configuration and the prepared database to copy. */
export interface RunContext {
  config: BenchConfig;
  template: DbTemplate;
  prepared: Prepared;
  log(line: string): void;
}

export interface ServerUnderTest {
  server: MeasuredServer;
  /** SAM Room's own copy of the database; null for the baseline. */
  db: BenchDb | null;
  dispose(): Promise<void>;
}

/** SAM Room on a fresh copy of the prepared database (or an existing copy), or the baseline. */
export async function startServerUnderTest(kind: ServerKind, ctx: RunContext, existing?: BenchDb, env: Record<string, string> = {}): Promise<ServerUnderTest> {
  if (kind === 'baseline') {
    const server = await startMeasuredServer('baseline', {});
    return { server, db: null, dispose: () => server.stop() };
  }
  const db = existing ?? (await ctx.template.clone());
  try {
    const server = await startMeasuredServer('samroom', samRoomEnv(ctx, db, env));
    return {
      server,
      db,
      dispose: async () => {
        await server.stop();
        await db.dispose();
      },
    };
  } catch (err) {
    await db.dispose();
    throw err;
  }
}

/** SAM Room's environment on a bench database: one process, no Redis, quiet logs, unless `env` says otherwise. */
export function samRoomEnv(ctx: RunContext, db: BenchDb, env: Record<string, string> = {}): Record<string, string> {
  return {
    ...db.env,
    DEMO_PASSWORD: ctx.prepared.password,
    SESSION_SECRET: ctx.prepared.sessionSecret,
    AUDIT_KEY: ctx.prepared.auditKey,
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    ...env,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
