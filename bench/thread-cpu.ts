import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { WorkerStart } from '../server/db/pglite-thread-protocol.js';

// A measured server's CPU by thread, read from /proc: the process figure alone mixes the event
// loop's work with the embedded database's (PGlite runs in a worker thread of its own), V8's
// collector and compiler helpers, and libuv's pool.

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** What a worker thread says of itself (bench/probe-thread.cjs), over a BroadcastChannel of this name. */
export const THREAD_CHANNEL = 'sam-room-bench-threads';
export const ThreadHello = z.object({ tid: z.number().int().positive(), threadId: z.number().int(), workerData: z.unknown() });

/** The name a worker thread's CPU is reported under: PGlite's thread is known by its start data. */
export function workerName(hello: z.infer<typeof ThreadHello>): string {
  return WorkerStart.safeParse(hello.workerData).success ? 'database' : `worker ${hello.threadId}`;
}

/** utime + stime of every live thread of this process, in ms, by OS thread id. */
export function threadCpuMs(): Map<number, number> {
  const byTid = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byTid.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The thread ended between listing and reading: its CPU is in the process's total.
    }
  }
  return byTid;
}

export interface ThreadSplit {
  /** The main thread: the event loop, where the server's own JavaScript runs. */
  mainMs: number;
  /** Each worker thread that said which it is, by name (the same name added together). */
  workers: Record<string, number>;
  /** The rest of the process's CPU: V8's helper threads, libuv's pool, threads that ended. */
  otherMs: number;
}

/**
 * The CPU of a window between two readings, split by thread. `processMs` is the process's own
 * total for the window (process.cpuUsage), so what no thread reading accounts for lands in `otherMs`.
 */
export function splitThreadCpu(before: Map<number, number>, after: Map<number, number>, mainTid: number, names: Map<number, string>, processMs: number): ThreadSplit {
  const used = (tid: number) => Math.max(0, (after.get(tid) ?? 0) - (before.get(tid) ?? 0));
  const mainMs = used(mainTid);
  const workers: Record<string, number> = {};
  for (const [tid, name] of names) if (after.has(tid) || before.has(tid)) workers[name] = (workers[name] ?? 0) + used(tid);
  const named = mainMs + Object.values(workers).reduce((a, b) => a + b, 0);
  return { mainMs, workers, otherMs: Math.max(0, processMs - named) };
}
