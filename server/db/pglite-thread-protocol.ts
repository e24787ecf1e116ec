import { z } from 'zod';

// What the server's thread and the embedded database's worker thread (pglite-worker.ts) say to each
// other. SQL does not pass here: it goes over the worker's socket with the ordinary `pg` driver.

/** The worker's workerData: where the database's files are and where to listen. */
export const WorkerStart = z.object({
  dataDir: z.string().min(1),
  socketPath: z.string().min(1),
});
export type WorkerStart = z.infer<typeof WorkerStart>;

export const ToWorker = z.discriminatedUnion('type', [
  /** A copy of the database's files as one gzipped tar (backups). */
  z.object({ type: z.literal('dump'), id: z.number().int() }),
  /** Stop listening, close the database (a clean shutdown, like PostgreSQL's), then end the thread. */
  z.object({ type: z.literal('close') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('dumped'), id: z.number().int(), bytes: z.instanceof(ArrayBuffer) }),
  z.object({ type: z.literal('dump-failed'), id: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('closed') }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
