import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { startPgliteThread, type PgliteThread } from './pglite-thread.js';
import { poolSql, type Sql } from './sql.js';

export type DbKind = 'pglite' | 'postgres';

export interface DbTarget {
  kind: DbKind;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Plain SQL on the same database as the adapter (see sql.ts). */
  sql: Sql;
  /** Releases what the target opened: its connections, and the embedded database (closed cleanly). */
  close(): Promise<void>;
  /**
   * The embedded database's files as one gzipped tar, taken between statements: a crash-consistent
   * copy, which PostgreSQL recovers like a restart. Null for a PostgreSQL server (use pg_dump).
   */
  dump: (() => Promise<Buffer>) | null;
  /** The embedded database's thread, where its queries run; null for a PostgreSQL server. */
  thread: PgliteThread | null;
  /** Calls `listener` if the database stops for good (the embedded one's thread ended). */
  onFailure(listener: (err: Error) => void): void;
}

/**
 * The one place that decides which PostgreSQL the app talks to: a server at `databaseUrl`, or
 * PostgreSQL compiled to WebAssembly in a worker thread of this process with its files in
 * `pgliteDir` (`memory://` for a throw-away one). Both are reached the same way, through `pg`.
 */
export async function openDbTarget(opts: { databaseUrl?: string; pgliteDir: string }): Promise<DbTarget> {
  if (opts.databaseUrl) {
    // Prisma keeps a pool of its own (the migrator must be able to close its connections). One
    // write runs at a time per process, beside loads and compactions, so this pool stays small.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
    // An idle connection dropped by the server is removed from the pool; the next query reconnects.
    pool.on('error', () => {});
    return {
      kind: 'postgres', adapter: new PrismaPg({ connectionString: opts.databaseUrl }), sql: poolSql(pool), close: () => pool.end(), dump: null,
      thread: null, onFailure: () => {},
    };
  }
  const thread = await startPgliteThread(opts.pgliteDir);
  // PGlite is one session: Prisma, the document store and the migrator share one connection, so
  // a transaction has it to itself and everything else queues behind it, as on PGlite in-process.
  const pool = new pg.Pool({ ...thread.connection, max: 1 });
  pool.on('error', () => {});
  return {
    kind: 'pglite', adapter: new PrismaPg(pool), sql: poolSql(pool), dump: thread.dump, thread, onFailure: thread.onFailure,
    close: async () => {
      await pool.end();
      await thread.close();
    },
  };
}
