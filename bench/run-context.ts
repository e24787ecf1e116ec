import { randomBytes } from 'node:crypto';
import type { BenchConfig } from './config.js';
import { createTemplate, type BenchDb, type DbTemplate } from './database.js';
import { startMeasuredServer, type MeasuredServer, type ServerKind } from './measured-server.js';
import type { ClientProtocol } from './peer-provider.js';
import type { SharedServer } from './shared-server.js';
import type { Prepared } from './template.js';

/** What every scenario run needs: the configuration and the prepared database to copy. */
export interface RunContext {
  config: BenchConfig;
  template: DbTemplate;
  prepared: Prepared;
  /** Where runs may keep files (removed after the bench). */
  workDir: string;
  log(line: string): void;
  /** SAM Room's one process for the scenarios that share it (config.shareSamRoom); absent, each run starts its own. */
  sharedSamRoom?: SharedServer;
}

export interface ServerUnderTest {
  server: MeasuredServer;
  /** SAM Room's own copy of the database; null for the peers. */
  db: BenchDb | null;
  /** What its clients authenticate with (null: nothing), and the client they use. */
  tokens: string[] | null;
  protocol: ClientProtocol;
  dispose(): Promise<void>;
}

/**
 * SAM Room on a fresh copy of the prepared database (or an existing copy), or the shared process
 * when the context has one and neither a copy nor an environment is asked for; the y-websocket
 * baseline; or Hocuspocus storing to an empty PostgreSQL database of its own.
 */
export async function startServerUnderTest(kind: ServerKind, ctx: RunContext, existing?: BenchDb, env: Record<string, string> = {}): Promise<ServerUnderTest> {
  if (kind === 'baseline') {
    const server = await startMeasuredServer('baseline', {});
    return { server, db: null, tokens: null, protocol: 'y-websocket', dispose: () => server.stop() };
  }
  if (kind === 'hocuspocus') {
    const db = await createTemplate('postgres', ctx.workDir);
    const token = randomBytes(24).toString('base64url');
    try {
      const server = await startMeasuredServer('hocuspocus', { DATABASE_URL: db.env.DATABASE_URL, HOCUSPOCUS_TOKEN: token });
      return {
        server,
        db: null,
        tokens: [token],
        protocol: 'hocuspocus',
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
  if (ctx.sharedSamRoom && !existing && Object.keys(env).length === 0) return ctx.sharedSamRoom.lease();
  const db = existing ?? (await ctx.template.clone());
  try {
    const server = await startMeasuredServer('samroom', samRoomEnv(ctx, db, env));
    return {
      server,
      db,
      tokens: ctx.prepared.tokens,
      protocol: 'y-websocket',
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
