import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// Each measured run gets its own copy of one prepared database, so every run starts from the same
// records and nothing one run stored (document updates, sessions) changes the next.

export type DbChoice = 'pglite' | 'postgres';

/** The server's environment for one database: DATA_DIR always, DATABASE_URL for PostgreSQL. */
export interface BenchDb {
  kind: DbChoice;
  env: { DATA_DIR: string; DATABASE_URL: string };
  dispose(): Promise<void>;
}

export interface DbTemplate extends BenchDb {
  /** A fresh database with the template's contents. */
  clone(): Promise<BenchDb>;
}

export const POSTGRES_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const postgresReachable = () => reachable(POSTGRES_ADMIN_URL, 5432);
export const redisReachable = () => reachable(REDIS_URL, 6379);

async function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export async function admin(sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresDb(workDir: string, template?: string): Promise<BenchDb & { name: string }> {
  const name = `samroom_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const dataDir = await mkdtemp(path.join(workDir, 'data-'));
  return {
    kind: 'postgres',
    name,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl(name) },
    dispose: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function pgliteDb(dataDir: string): BenchDb {
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** An empty database to prepare; clones copy it once whoever prepared it has closed it. */
export async function createTemplate(kind: DbChoice, workDir: string): Promise<DbTemplate & { name: string }> {
  if (kind === 'postgres') {
    const template = await postgresDb(workDir);
    return { ...template, clone: () => postgresDb(workDir, template.name) };
  }
  const dir = await mkdtemp(path.join(workDir, 'template-'));
  return { ...pgliteTemplate(dir, workDir), name: dir };
}

/**
 * A prepared database kept from an earlier run (template-cache.ts): a PostgreSQL database by name,
 * or PGlite's directory. Clones copy it; disposing leaves it for the next run.
 */
export function keptTemplate(kind: DbChoice, name: string, workDir: string): DbTemplate {
  if (kind === 'pglite') return { ...pgliteTemplate(name, workDir), dispose: async () => undefined };
  return {
    kind,
    env: { DATA_DIR: workDir, DATABASE_URL: databaseUrl(name) },
    dispose: async () => undefined,
    clone: () => postgresDb(workDir, name),
  };
}

function pgliteTemplate(dir: string, workDir: string): DbTemplate {
  return {
    ...pgliteDb(dir),
    clone: async () => {
      const copy = await mkdtemp(path.join(workDir, 'data-'));
      await cp(dir, copy, { recursive: true });
      return pgliteDb(copy);
    },
  };
}

export function benchWorkDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'samroom-bench-'));
}
