import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { BroadcastChannel } from 'node:worker_threads';
import { isProbeRequest, type ProbeReport } from './probe-protocol.js';
import { splitThreadCpu, THREAD_CHANNEL, ThreadHello, threadCpuMs, workerName } from './thread-cpu.js';

// Preloaded with `node --import` into a measured server (SAM Room or the baseline), so the server's
// own code stays as shipped. It measures from inside the process what no outside tool can: the
// event loop's delay and utilisation, and process CPU and memory, per window the orchestrator asks for.

const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

// Worker threads say which OS thread they are (probe-thread.cjs) as they start.
const workerNames = new Map<number, string>();
const threads = new BroadcastChannel(THREAD_CHANNEL);
threads.onmessage = (event) => {
  const hello = ThreadHello.safeParse(event.data);
  if (hello.success) workerNames.set(hello.data.tid, workerName(hello.data));
};
threads.unref();

let cpuMark = process.cpuUsage();
let threadMark = threadCpuMs();
let eluMark = performance.eventLoopUtilization();
let timeMark = performance.now();

// Node records the whole interval between samples, so the delay is what exceeds the resolution.
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
const gc = (globalThis as { gc?: () => void }).gc;
// BENCH_HEAP_SNAPSHOT_DIR=<dir> writes a heap snapshot at every probe that collects garbage (idle,
// meetings open, everyone connected), to see what memory holds: a diagnostic, it stalls the server.
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
let snapshots = 0;

function report(id: number, collect: boolean): ProbeReport {
  const cpu = process.cpuUsage(cpuMark);
  const threadNow = threadCpuMs();
  const byThread = splitThreadCpu(threadMark, threadNow, process.pid, workerNames, (cpu.user + cpu.system) / 1000);
  const elu = performance.eventLoopUtilization(eluMark);
  const windowMs = performance.now() - timeMark;
  const eventLoopDelay = {
    p50: delayMs(histogram.percentile(50)),
    p90: delayMs(histogram.percentile(90)),
    p99: delayMs(histogram.percentile(99)),
    max: delayMs(histogram.max),
    mean: delayMs(histogram.mean),
    samples: histogram.count,
  };
  // The forced collection is outside both windows: measured after the old one, before the new one.
  if (collect) gc?.();
  const memory = process.memoryUsage();
  if (collect && snapshotDir) writeHeapSnapshot(path.join(snapshotDir, `${process.pid}-${++snapshots}.heapsnapshot`));
  histogram.reset();
  cpuMark = process.cpuUsage();
  threadMark = threadCpuMs();
  eluMark = performance.eventLoopUtilization();
  timeMark = performance.now();
  return {
    type: 'probe-report', id, windowMs,
    cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, threads: byThread,
    eventLoopDelay, eventLoopUtilization: elu.utilization,
    rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external,
  };
}

process.on('message', (message: unknown) => {
  if (isProbeRequest(message)) process.send?.(report(message.id, message.gc));
});
// An orchestrator that died must not leave a server running.
process.on('disconnect', () => process.exit(0));
