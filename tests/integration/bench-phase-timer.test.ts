import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { processCpuMs } from '../../bench/machine.js';
import { PhaseTimer } from '../../bench/phase-timer.js';

// The bench's phase timer counts a child process that outlives a phase (the quick run's shared SAM
// Room) in the phases that used it: a real child spinning on a core, not yet reaped.

let child: ChildProcess | null = null;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
  child = null;
});

const spin = () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });

describe('bench phase timer', () => {
  it('counts the CPU of a running child it is told of in the phase, and not twice once it is reaped', async () => {
    const spinning = spin();
    child = spinning;
    let running: number[] = [spinning.pid!];
    const timer = new PhaseTimer(() => undefined, () => running);
    const started = processCpuMs(spinning.pid!);
    await timer.time('while it runs', () => new Promise((r) => setTimeout(r, 1_500)));
    const during = timer.phases[0]!.cpuS;
    const used = (processCpuMs(spinning.pid!) - started) / 1000;
    expect(during).toBeGreaterThan(0.5 * used);
    expect(during).toBeGreaterThan(0.2);

    await timer.time('it stops', async () => {
      const exited = once(spinning, 'exit');
      spinning.kill('SIGKILL');
      await exited;
      running = [];
    });
    // Its whole CPU moves to the reaped children's count; only what it used in this phase is added.
    expect(timer.phases[1]!.cpuS).toBeLessThan(0.5);
  });
});
