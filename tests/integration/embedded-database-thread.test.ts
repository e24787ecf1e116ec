import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDbTarget, type DbTarget } from '../../server/db/adapter.js';
import { createPrismaClient } from '../../server/db/client.js';
import { applyMigrations } from '../../server/db/migrate.js';

// The embedded database (no DATABASE_URL) runs in a worker thread of its own and is reached through
// `pg`, as a PostgreSQL server is: its statements never run on the server's thread, and a thread that
// dies is reported and makes queries fail rather than wait forever.

describe('the embedded database in its own thread', () => {
  let target: DbTarget;
  beforeAll(async () => {
    target = await openDbTarget({ pgliteDir: 'memory://' });
  }, 60_000);
  afterAll(() => target?.close());

  it('runs a statement on another thread while this one keeps turning', async () => {
    expect(target.kind).toBe('pglite');
    expect(target.thread?.worker.threadId).toBeGreaterThan(0);
    expect(target.thread?.worker.threadId).not.toBe(threadId);
    // Turns of this thread's event loop while the database counts two million rows (a second or
    // more). Were the statement run on this thread, the loop could not turn until it ended.
    let turns = 0;
    let counting = true;
    const turn = () => {
      turns++;
      if (counting) setImmediate(turn);
    };
    turn();
    const rows = await target.sql.query('SELECT count(*)::int AS n FROM generate_series(1, 2000000)');
    counting = false;
    expect(rows).toEqual([{ n: 2_000_000 }]);
    expect(turns).toBeGreaterThan(1000);
  }, 60_000);

  it('answers the next statement after one fails (the pool replaces the connection it dropped)', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(target.sql.query('SELECT no_such_column')).rejects.toThrow(/no_such_column/);
      expect(await target.sql.query('SELECT $1::int AS i', [i])).toEqual([{ i }]);
    }
  });

  it('keeps one session: a transaction has the connection to itself, and Prisma waits behind it', async () => {
    await target.sql.query('CREATE TABLE IF NOT EXISTS t_order (n int)');
    const db = createPrismaClient(target);
    try {
      let prismaDone = false;
      const inTx = target.sql.transaction(async (query) => {
        await query('INSERT INTO t_order VALUES (1)');
        const waiting = db.$executeRaw`INSERT INTO t_order VALUES (2)`.then(() => (prismaDone = true));
        await new Promise((r) => setTimeout(r, 50));
        const seen = prismaDone;
        await query('INSERT INTO t_order VALUES (3)');
        return { seen, waiting };
      });
      const { seen, waiting } = await inTx;
      await waiting;
      expect(seen).toBe(false);
      expect(await target.sql.query('SELECT array_agg(n ORDER BY n) AS ns FROM t_order')).toEqual([{ ns: [1, 2, 3] }]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe('the embedded database on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps what was written once closed, for the next process to open', async () => {
    const first = await openDbTarget({ pgliteDir: dir });
    await applyMigrations(first.adapter);
    await first.sql.query(`INSERT INTO "Site" (id, code, name) VALUES ('s-kept', 'KEPT', 'Te Whanganui-a-Tara (test)')`);
    await first.close();
    const second = await openDbTarget({ pgliteDir: dir });
    try {
      expect(await second.sql.query(`SELECT name FROM "Site" WHERE code = 'KEPT'`)).toEqual([{ name: 'Te Whanganui-a-Tara (test)' }]);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('an embedded database whose thread dies', () => {
  it('is reported, and its queries and copies fail instead of waiting', async () => {
    const target = await openDbTarget({ pgliteDir: 'memory://' });
    const reported = new Promise<Error>((resolve) => target.onFailure(resolve));
    expect(await target.sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    // A message the thread cannot parse makes it throw, as a bug there would.
    target.thread!.worker.postMessage({ type: 'no-such-message' });
    const err = await reported;
    expect(err.message).toMatch(/embedded database's thread failed/);
    await expect(target.sql.query('SELECT 1')).rejects.toThrow();
    await expect(target.dump!()).rejects.toThrow(/embedded database's thread failed/);
    await target.close();
  }, 60_000);
});
