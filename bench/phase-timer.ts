import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadAverage, processCpuMs } from './machine.js';

// Where a bench's time goes: each phase's wall time, and the CPU the bench's own processes used in
// it (this one, and the servers, generators and browsers it started and has reaped by the phase's
// end, and those still running that it is told of: a process several phases share). On a shared machine the wall time stretches with others' work while the CPU time hardly
// does, so the pair shows what the phase would take on an idle machine. PostgreSQL's own CPU is
// not counted.

const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface Phase {
  name: string;
  wallS: number;
  /** CPU of this process, its reaped children and the running ones it was told of, user + system, in s. */
  cpuS: number;
  /** 1-minute load average at the phase's end. */
  load: number;
}

/** utime + stime + cutime + cstime of this process, in ms. */
function ownAndChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

export class PhaseTimer {
  readonly phases: Phase[] = [];

  /**
   * `running`: child processes that outlive a phase, read live (once reaped, a process's whole CPU
   * is in the reaped children's count and no longer read live, so each phase still gets its share).
   */
  constructor(private readonly log: (line: string) => void, private readonly running: () => number[] = () => []) {}

  private cpuMs(): number {
    return ownAndChildrenCpuMs() + this.running().reduce((sum, pid) => sum + processCpuMs(pid), 0);
  }

  /** Runs `work` as one phase and logs how long it took. */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const wall = performance.now();
    const cpu = this.cpuMs();
    try {
      return await work();
    } finally {
      const phase = {
        name,
        wallS: Math.round(performance.now() - wall) / 1000,
        cpuS: (this.cpuMs() - cpu) / 1000,
        load: loadAverage()[0]!,
      };
      this.phases.push(phase);
      this.log(`    phase ${name}: ${phase.wallS.toFixed(1)} s, CPU ${phase.cpuS.toFixed(1)} s, load ${phase.load}`);
    }
  }
}

/** A stopwatch for the steps inside a phase: each call logs the time since the previous one. */
export function laps(log: (line: string) => void): (what: string) => void {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    log(`      ${what}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
}
