import { afterEach, describe, expect, it } from 'vitest';
import { startMeasuredServer } from '../../bench/measured-server.js';
import type { ServerUnderTest } from '../../bench/run-context.js';
import { sharedServer, type SharedServer } from '../../bench/shared-server.js';

// The quick run's one SAM Room process for several scenarios (bench/shared-server.ts), shown with
// the stock y-websocket server the bench compares with: a real process, started and stopped.

let shared: SharedServer | null = null;

afterEach(async () => {
  await shared?.dispose();
  shared = null;
});

const answers = (url: string) => fetch(`${url}/api/health`).then((r) => r.ok, () => false);

async function baseline(): Promise<ServerUnderTest> {
  const server = await startMeasuredServer('baseline', {});
  return { server, db: null, tokens: null, protocol: 'y-websocket', dispose: () => server.stop() };
}

describe('bench shared server', () => {
  it('starts one process for every lease, keeps it through their disposals, and stops it at the end', async () => {
    let starts = 0;
    shared = sharedServer(() => {
      starts += 1;
      return baseline();
    });
    expect(shared.started()).toBe(false);
    const [first, second] = await Promise.all([shared.lease(), shared.lease()]);
    await first.dispose();
    const third = await shared.lease();
    expect(starts).toBe(1);
    expect(new Set([first.server.pid, second.server.pid, third.server.pid]).size).toBe(1);
    expect(await answers(third.server.url)).toBe(true);

    await shared.dispose();
    expect(shared.started()).toBe(false);
    expect(await answers(third.server.url)).toBe(false);
  });

  it('starts again at the next lease after a failed start', async () => {
    let starts = 0;
    shared = sharedServer(() => {
      starts += 1;
      return starts === 1 ? Promise.reject(new Error('no start')) : baseline();
    });
    await expect(shared.lease()).rejects.toThrow('no start');
    const sut = await shared.lease();
    expect(starts).toBe(2);
    expect(await answers(sut.server.url)).toBe(true);
  });
});
