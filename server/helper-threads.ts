import { performance } from 'node:perf_hooks';

/** A quiet spell: less CPU than `QUIET_MS` in `WINDOW_MS` while the main thread waits. */
const WINDOW_MS = 50;
const QUIET_MS = 5;

/**
 * Waits (at most `maxMs`) until the process's other threads are idle. V8 compiles the code a
 * start made hot (the warm-up's open above all), and collects what it left, on threads of its own
 * and after the fact; a server that listens at once has that work land on its first requests (the
 * first open of a large meeting used twice the helper-thread CPU of a later one). The main thread
 * only waits meanwhile, so whatever CPU the process uses is theirs.
 */
export async function helperThreadsSettled(maxMs: number): Promise<{ ms: number; settled: boolean }> {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const { user, system } = process.cpuUsage(before);
    if ((user + system) / 1000 < QUIET_MS) return { ms: Math.round(performance.now() - started), settled: true };
  }
  return { ms: Math.round(performance.now() - started), settled: false };
}
