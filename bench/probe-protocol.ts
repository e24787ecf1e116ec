import type { ThreadSplit } from './thread-cpu.js';

// Messages between the orchestrator and bench/probe.ts, which is preloaded into a measured server
// process and answers over that process's IPC channel.

export interface ProbeRequest {
  type: 'probe';
  id: number;
  /** Collect garbage before reading memory (the process runs with --expose-gc), so heaps compare. */
  gc: boolean;
}

/** Everything since the previous probe request (or process start): a measurement window. */
export interface ProbeReport {
  type: 'probe-report';
  id: number;
  windowMs: number;
  /** Process CPU (all threads: JS, GC, libuv pool, and PGlite's WebAssembly when it is embedded). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** The same CPU by thread (absent from earlier results): the main thread apart from the embedded database's. */
  threads?: ThreadSplit;
  /** Event-loop delay in ms beyond the sampling interval: how late a 10 ms timer fired. */
  eventLoopDelay: { p50: number; p90: number; p99: number; max: number; mean: number; samples: number };
  /** Share of the window the event loop was busy (0–1). */
  eventLoopUtilization: number;
  /** Memory now (after the optional GC), in bytes. */
  rss: number;
  heapUsed: number;
  external: number;
}

export function isProbeRequest(value: unknown): value is ProbeRequest {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'probe';
}

export function isProbeReport(value: unknown): value is ProbeReport {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'probe-report';
}
