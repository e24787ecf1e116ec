import { readFileSync } from 'node:fs';
import os from 'node:os';

// What else the machine was doing: the bench shares it (other people's test runs, PostgreSQL), so
// each window records how many cores went to processes other than the server and the generator.

const TICK_MS = 10; // USER_HZ is 100 on Linux

function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** utime + stime of a process, in ms (0 once it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export interface CpuShare {
  /** Average cores busy over the window. */
  machine: number;
  server: number;
  /** All generator processes together, and the busiest one (one process can use about one core). */
  generator: number;
  busiestGenerator: number;
  /** Everything else: other processes on the machine. */
  other: number;
}

export function cpuWindow(serverPid: number, generatorPids: number[]): () => CpuShare {
  const start = { at: Date.now(), machine: machineJiffies(), server: processCpuMs(serverPid), generators: generatorPids.map(processCpuMs) };
  return () => {
    const seconds = (Date.now() - start.at) / 1000;
    const machine = ((machineJiffies().busy - start.machine.busy) * TICK_MS) / 1000 / seconds;
    const server = (processCpuMs(serverPid) - start.server) / 1000 / seconds;
    const generators = generatorPids.map((pid, i) => (processCpuMs(pid) - start.generators[i]!) / 1000 / seconds);
    const generator = generators.reduce((a, b) => a + b, 0);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      machine: round(machine), server: round(server), generator: round(generator), busiestGenerator: round(Math.max(0, ...generators)),
      other: round(Math.max(0, machine - server - generator)),
    };
  };
}

export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/**
 * Waits (up to `maxWaitMs`) until the whole machine has been nearly idle for `calmMs`, so a run
 * does not start while the previous run's processes wind down or in the middle of someone else's
 * test suite. Returns the cores busy at the end.
 */
export async function waitForQuiet(maxWaitMs = 30_000, calmMs = 2_000, idleCores = 0.3): Promise<{ waitedMs: number; busyCores: number }> {
  const sampleMs = Math.min(1_000, calmMs);
  const start = Date.now();
  let calm = 0;
  let busyCores = 0;
  for (;;) {
    const before = machineJiffies();
    await new Promise((r) => setTimeout(r, sampleMs));
    busyCores = ((machineJiffies().busy - before.busy) * TICK_MS) / sampleMs;
    calm = busyCores <= idleCores ? calm + sampleMs : 0;
    if (calm >= calmMs || Date.now() - start >= maxWaitMs) return { waitedMs: Date.now() - start, busyCores: Math.round(busyCores * 100) / 100 };
  }
}
