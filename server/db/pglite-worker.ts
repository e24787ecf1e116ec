import { mkdir } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ToWorker, WorkerStart, type FromWorker } from './pglite-thread-protocol.js';

// The embedded database's own thread (started by pglite-thread.ts): PostgreSQL compiled to
// WebAssembly runs here, so its queries never hold up the server's event loop, and answers the
// server's `pg` driver on a Unix socket as a PostgreSQL server would.

/**
 * PGlite that ends this thread when running a statement throws: that is the WebAssembly failing,
 * not SQL (SQL errors are answered on the socket), and pglite-socket's queue would wait forever
 * after it. The thread's end is what the server reports.
 */
class FailFastPGlite extends PGlite {
  override async execProtocolRawStream(...args: Parameters<PGlite['execProtocolRawStream']>): Promise<void> {
    try {
      await super.execProtocolRawStream(...args);
    } catch (err) {
      setImmediate(() => {
        throw err;
      });
      throw err;
    }
  }
}

if (!parentPort) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-thread.ts)');
const port = parentPort;
const start = WorkerStart.parse(workerData);
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

if (!start.dataDir.startsWith('memory://')) await mkdir(start.dataDir, { recursive: true });
const pglite = new FailFastPGlite({ dataDir: start.dataDir });
await pglite.waitReady;
// One connection, as PGlite has one session: the server's pool holds it. pglite-socket can
// multiplex several, but not safely for the extended protocol (a statement of one connection could
// run between another's Parse and Bind).
const server = new PGLiteSocketServer({ db: pglite, path: start.socketPath, maxConnections: 1 });
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
