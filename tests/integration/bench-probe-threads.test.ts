import { afterEach, describe, expect, it } from 'vitest';
import { startMeasuredServer, type MeasuredServer } from '../../bench/measured-server.js';

// The bench's server probe splits a process's CPU by thread: a thread that keeps a core busy must
// show under its own name (the main thread, the database's worker thread, another worker), not
// under another's. Real processes and threads; only which thread got the CPU is asserted.

let server: MeasuredServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

async function window(burn: string) {
  server = await startMeasuredServer('samroom', { BURN: burn }, 'tests/fixtures/bench/threads-server.ts');
  // The first window holds the process's start; the workers have announced themselves by its end.
  await new Promise((r) => setTimeout(r, 500));
  await server.probe();
  await new Promise((r) => setTimeout(r, 1_500));
  const report = await server.probe();
  expect(report.threads).toBeDefined();
  const threads = report.threads!;
  const named = { main: threads.mainMs, database: threads.workers.database ?? Number.NaN, other: threads.otherMs };
  const worker = Object.entries(threads.workers).find(([name]) => name.startsWith('worker '));
  return { ...named, worker: worker?.[1] ?? Number.NaN, processMs: report.cpuUserMs + report.cpuSystemMs };
}

/** The burning thread got most of a busy core's share and several times any other's. */
function expectBurner(cpu: Record<string, number>, burner: string) {
  const others = Object.entries(cpu).filter(([name]) => name !== burner && name !== 'processMs').map(([, ms]) => ms);
  expect(cpu[burner]).toBeGreaterThan(150);
  for (const ms of others) expect(ms).toBeLessThan(cpu[burner]! / 3);
}

describe('bench probe: CPU by thread', () => {
  it('counts a busy database thread under its own name, not the main thread', async () => {
    expectBurner(await window('database'), 'database');
  });

  it('counts a busy main thread as the main thread', async () => {
    expectBurner(await window('main'), 'main');
  });

  it('keeps another worker thread apart from the database thread', async () => {
    const cpu = await window('worker');
    expectBurner(cpu, 'worker');
    // Each thread's figure is part of the process's: together they make up about its whole CPU.
    expect(cpu.main + cpu.database + cpu.worker + cpu.other).toBeGreaterThan(cpu.processMs * 0.8);
  });
});
