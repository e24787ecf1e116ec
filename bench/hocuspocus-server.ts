import { timingSafeEqual } from 'node:crypto';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import pg from 'pg';

// The second peer: Hocuspocus, what one would pick for a Yjs backend with persistence and auth. Its
// documents are stored in PostgreSQL by its database extension (the whole state, at its default
// 2 s debounce), and `onAuthenticate` checks the token every client sends. Every setting not named
// here is Hocuspocus's default, including broadcasts coalesced per event-loop turn.

const port = Number(process.env.PORT ?? '1234');
const host = process.env.HOST ?? '127.0.0.1';
const expected = Buffer.from(process.env.HOCUSPOCUS_TOKEN ?? '');
if (expected.length === 0) throw new Error('HOCUSPOCUS_TOKEN is not set');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
await pool.query('CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)');

const server = new Server({
  port,
  address: host,
  quiet: true,
  // perMessageDeflate off, as SAM Room and the baseline have it.
  websocketOptions: { perMessageDeflate: false },
  async onAuthenticate({ token }) {
    const given = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('not authorised');
  },
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM hocuspocus_documents WHERE name = $1', [documentName]);
        return rows[0] ? new Uint8Array(rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          'INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
          [documentName, state],
        );
      },
    }),
  ],
});

await server.listen();
console.log(`hocuspocus server on ${host}:${port}`);
