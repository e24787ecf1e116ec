import { mkdir } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ToWorker, WorkerStart, type FromWorker } from './pglite-thread-protocol.js';

// The embedded database's own thread (started by pglite-thread.ts): PostgreSQL compiled to
// WebAssembly runs here, so its queries never hold up the server's event loop, and answers the
// server's `pg` driver on a Unix socket as a PostgreSQL server would.

if (!parentPort) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-thread.ts)');
const port = parentPort;
const start = WorkerStart.parse(workerData);
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

if (!start.dataDir.startsWith('memory://')) await mkdir(start.dataDir, { recursive: true });
const pglite = await PGlite.create({ dataDir: start.dataDir });
// PGlite is one session, so the server's pool holds one connection (adapter.ts): pglite-socket
// interleaves the messages of concurrent connections, which is unsafe for the extended protocol (one
// connection's statement could run between another's Parse and Bind). More are accepted only so a
// replacement can connect while a connection the pool dropped (it drops one after any SQL error) is
// still closing; otherwise the replacement is refused.
const server = new PGLiteSocketServer({ db: pglite, path: start.socketPath, maxConnections: 4 });
await server.start();

port.on('message', (raw: unknown) => {
  // A message that does not parse is a bug in the server's thread: throwing ends this thread, which
  // the server reports.
  const message = ToWorker.parse(raw);
  if (message.type === 'dump') {
    pglite.dumpDataDir('gzip').then(
      async (file) => {
        const bytes = await file.arrayBuffer();
        post({ type: 'dumped', id: message.id, bytes }, [bytes]);
      },
      (err: unknown) => post({ type: 'dump-failed', id: message.id, message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  void (async () => {
    await server.stop();
    await pglite.close();
    post({ type: 'closed' });
    port.close();
  })();
});

post({ type: 'ready' });
