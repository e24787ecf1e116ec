import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { pgliteSql, poolSql, type Sql } from './sql.js';

export type DbKind = 'pglite' | 'postgres';

export interface DbTarget {
  kind: DbKind;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Plain SQL on the same database as the adapter (see sql.ts). */
  sql: Sql;
  /** Releases what the target opened itself (the embedded database). */
  close(): Promise<void>;
  /**
   * The embedded database's files as one gzipped tar, taken between statements: a crash-consistent
   * copy, which PostgreSQL recovers like a restart. Null for a PostgreSQL server (use pg_dump).
   */
  dump: (() => Promise<Buffer>) | null;
}

/**
 * The one place that decides which PostgreSQL the app talks to: a server at `databaseUrl`,
 * or PostgreSQL compiled to WebAssembly running in this process with its files in `pgliteDir`
 * (`memory://` for a throw-away one).
 */
export async function openDbTarget(opts: { databaseUrl?: string; pgliteDir: string }): Promise<DbTarget> {
  if (opts.databaseUrl) {
    // Prisma keeps a pool of its own (the migrator must be able to close its connections). One
    // write runs at a time per process, beside loads and compactions, so this pool stays small.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
    // An idle connection dropped by the server is removed from the pool; the next query reconnects.
    pool.on('error', () => {});
    return { kind: 'postgres', adapter: new PrismaPg({ connectionString: opts.databaseUrl }), sql: poolSql(pool), close: () => pool.end(), dump: null };
  }
  if (!opts.pgliteDir.startsWith('memory://')) await mkdir(opts.pgliteDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.pgliteDir });
  return {
    kind: 'pglite', adapter: new PrismaPGlite(pglite), sql: pgliteSql(pglite), close: () => pglite.close(),
    dump: async () => Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()),
  };
}
