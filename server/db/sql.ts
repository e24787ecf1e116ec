import type pg from 'pg';

/** One SQL statement with $1… parameters; rows come back as objects keyed by column name. */
export type SqlQuery = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Plain parameterised SQL on the same database Prisma uses, for the document store's hot path:
 * Prisma compiles and interprets a plan for every call, which cost more CPU than the fan-out of
 * an edit. Everything else goes through Prisma and its generated types.
 */
export interface Sql {
  /** One statement, in a transaction of its own. */
  query: SqlQuery;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T>;
}

export function poolSql(pool: pg.Pool): Sql {
  return {
    query: async (text, params) => (await pool.query<Record<string, unknown>>(text, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      const query: SqlQuery = async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows;
      try {
        await client.query('BEGIN');
        const result = await work(query);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        // A connection whose rollback failed is broken: drop it instead of returning it to the pool.
        const rolledBack = await client.query('ROLLBACK').then(() => true, () => false);
        client.release(!rolledBack);
        throw err;
      }
    },
  };
}
