import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { createPrismaClient, type Db } from '../../server/db/client.js';
import { applyMigrations } from '../../server/db/migrate.js';
import { inCi, reachable, TEST_DATABASE_URL } from './services.js';

export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Set for PostgreSQL: a fresh database of its own. */
  url: string | undefined;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database for one test file: on the local PostgreSQL when it answers (a database
 * of its own, dropped afterwards), otherwise an in-memory PGlite — except in CI, where a
 * missing PostgreSQL is a failure.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (await reachable(TEST_DATABASE_URL, 5432)) {
    const name = `samroom_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    return { kind: 'postgres', url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  if (inCi) throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} — CI needs it running`);
  console.warn(`PostgreSQL not reachable at ${TEST_DATABASE_URL}: database tests run on embedded PGlite instead.`);
  return { kind: 'pglite', url: undefined, drop: async () => {} };
}

/** A migrated database with a Prisma client, for tests that talk to the database directly. */
export async function openMigratedDb(): Promise<{ db: Db; target: DbTarget; close(): Promise<void> }> {
  const testDb = await createTestDatabase();
  const target = await openDbTarget({ databaseUrl: testDb.url, pgliteDir: 'memory://' });
  await applyMigrations(target.adapter);
  const db = createPrismaClient(target);
  return {
    db,
    target,
    close: async () => {
      await db.$disconnect();
      await target.close();
      await testDb.drop();
    },
  };
}
