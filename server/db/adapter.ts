import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type DbKind = 'pglite' | 'postgres';

export interface DbTarget {
  kind: DbKind;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Releases what the target opened itself (the embedded database). */
  close(): Promise<void>;
}

/**
 * The one place that decides which PostgreSQL the app talks to: a server at `databaseUrl`,
 * or PostgreSQL compiled to WebAssembly running in this process with its files in `pgliteDir`
 * (`memory://` for a throw-away one).
 */
export async function openDbTarget(opts: { databaseUrl?: string; pgliteDir: string }): Promise<DbTarget> {
  if (opts.databaseUrl) {
    return { kind: 'postgres', adapter: new PrismaPg({ connectionString: opts.databaseUrl }), close: async () => {} };
  }
  if (!opts.pgliteDir.startsWith('memory://')) await mkdir(opts.pgliteDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.pgliteDir });
  return { kind: 'pglite', adapter: new PrismaPGlite(pglite), close: () => pglite.close() };
}
