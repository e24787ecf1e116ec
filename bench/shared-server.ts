import type { ServerUnderTest } from './run-context.js';

// A SAM Room start (module graph, warm-up, a fresh database copy) is the largest fixed cost of a
// quick run's live scenario. With `config.shareSamRoom` the scenarios that do not need a fresh
// process (1, 2 and the ramp, one process each) lease one process, started at the first lease
// and stopped when the bench ends; the report says so.

export interface SharedServer {
  /** The shared server; its `dispose` only ends the lease. */
  lease(): Promise<ServerUnderTest>;
  /** Whether a lease has started it. */
  started(): boolean;
  /** Its process while it runs (the bench counts its CPU in the phase that used it: phase-timer.ts). */
  pid(): number | null;
  /** Stops it, if a lease started it. */
  dispose(): Promise<void>;
}

export function sharedServer(start: () => Promise<ServerUnderTest>): SharedServer {
  let starting: Promise<ServerUnderTest> | null = null;
  let running: ServerUnderTest | null = null;
  return {
    lease: async () => {
      // A failed start is not kept: the next lease tries again.
      starting ??= start().then((sut) => (running = sut), (err: unknown) => {
        starting = null;
        throw err;
      });
      const sut = await starting;
      return { ...sut, dispose: async () => undefined };
    },
    started: () => starting !== null,
    pid: () => running?.server.pid ?? null,
    dispose: async () => {
      const sut = await starting?.catch(() => null);
      starting = null;
      await sut?.dispose();
      running = null;
    },
  };
}
