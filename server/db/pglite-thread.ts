import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FromWorker, type ToWorker, type WorkerStart } from './pglite-thread-protocol.js';

/** The embedded database running in a worker thread of its own, as the server's thread sees it. */
export interface PgliteThread {
  /** The thread the database's work runs on, never the one that opened it. */
  readonly worker: Worker;
  /** Where the `pg` driver reaches it: a Unix socket in a directory only this user can open. */
  readonly connection: { host: string; port: number; user: string; database: string };
  /** The database's files as one gzipped tar, taken between two statements (see adapter.ts). */
  dump(): Promise<Buffer>;
  /** Closes the database cleanly (everything written is on disk) and ends the thread. */
  close(): Promise<void>;
  /** Called once if the thread ends without close(): every query from then on fails. */
  onFailure(listener: (err: Error) => void): void;
}

// PostgreSQL's socket naming: a client given `host: <dir>, port: N` connects to <dir>/.s.PGSQL.N.
const SOCKET_PORT = 5432;
const workerUrl = new URL('./pglite-worker.ts', import.meta.url);
// Worker threads do not inherit tsx's loader: each registers it before loading the TypeScript entry.
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;

/** Starts the worker and waits until the database is open and listening. */
export async function startPgliteThread(dataDir: string): Promise<PgliteThread> {
  // mkdtemp makes the directory 0700: no other local user can reach the socket, which has no password.
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'samroom-db-'));
  const start: WorkerStart = { dataDir, socketPath: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) };
  const worker = new Worker(bootstrap, { eval: true, workerData: start });
  const send = (message: ToWorker) => worker.postMessage(message);

  const dumps = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  let nextDump = 0;
  let closing = false;
  let closedCleanly = false;
  let failure: Error | null = null;
  const failureListeners: ((err: Error) => void)[] = [];
  let ready: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const readyOrFailed = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));

  const fail = (err: Error) => {
    if (failure || closing) return;
    failure = err;
    ready?.reject(err);
    for (const d of dumps.values()) d.reject(err);
    dumps.clear();
    for (const listener of failureListeners) listener(err);
    void rm(socketDir, { recursive: true, force: true });
  };
  let lastError: Error | null = null;
  worker.on('error', (err) => {
    lastError = err;
    fail(new Error(`the embedded database's thread failed: ${err.message}`, { cause: err }));
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  void exited.then((code) => fail(lastError ?? new Error(`the embedded database's thread ended unexpectedly (exit code ${code})`)));

  worker.on('message', (raw: unknown) => {
    const message = FromWorker.parse(raw);
    if (message.type === 'ready') ready?.resolve();
    else if (message.type === 'dumped') {
      dumps.get(message.id)?.resolve(Buffer.from(message.bytes));
      dumps.delete(message.id);
    } else if (message.type === 'dump-failed') {
      dumps.get(message.id)?.reject(new Error(`copying the embedded database failed: ${message.message}`));
      dumps.delete(message.id);
    } else closedCleanly = true;
  });

  await readyOrFailed.catch(async (err: unknown) => {
    await worker.terminate();
    await rm(socketDir, { recursive: true, force: true });
    throw err;
  });
  ready = null;
  // Like any connection, the database keeps the process alive only while something uses it.
  worker.unref();

  let closed: Promise<void> | undefined;
  return {
    worker,
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    dump: () => {
      if (failure) return Promise.reject(failure);
      const id = nextDump++;
      return new Promise<Buffer>((resolve, reject) => {
        dumps.set(id, { resolve, reject });
        send({ type: 'dump', id });
      });
    },
    close: () =>
      (closed ??= (async () => {
        if (failure) return;
        closing = true;
        worker.ref();
        send({ type: 'close' });
        const code = await exited;
        await rm(socketDir, { recursive: true, force: true });
        if (!closedCleanly) throw new Error(`closing the embedded database failed (exit code ${code}): ${lastError?.message ?? 'the thread ended first'}`);
      })()),
    onFailure: (listener) => {
      failureListeners.push(listener);
    },
  };
}
