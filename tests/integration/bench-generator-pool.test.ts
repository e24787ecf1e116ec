import { afterEach, describe, expect, it } from 'vitest';
import { startGenerator, type Generator } from '../../bench/generator-pool.js';
import { startMeasuredServer, type MeasuredServer } from '../../bench/measured-server.js';

// The bench's load generator pool against the stock y-websocket server it compares SAM Room with:
// real generator processes, real websockets. Counts only, never timings.

const items = (prefix: string) => Array.from({ length: 8 }, (_, i) => ({
  id: `${prefix}-item-${i}`, caseId: `${prefix}-case-${i}`, familyRef: `BENCH-${i}`, reason: 'NEW_EPISODE' as const, episodes: [], rank: `a${i}`,
}));
const rates = { editsPerSec: 4, awarenessPerSec: 0, valueShare: 0.2 };

let server: MeasuredServer | null = null;
let generator: Generator | null = null;

afterEach(async () => {
  await generator?.call({ type: 'disconnect' }).catch(() => undefined);
  await generator?.stop();
  await server?.stop();
  generator = null;
  server = null;
});

async function measure(perMeeting: number[]) {
  await generator!.connect(perMeeting.map((n) => (n > 0 ? 1 : 0)), 4);
  const rest = await generator!.connect(perMeeting.map((n) => Math.max(0, n - 1)), 4);
  expect(rest.failed).toBe(0);
  await generator!.call({ type: 'start-load', rates });
  await generator!.call({ type: 'window-start' });
  await new Promise((r) => setTimeout(r, 1_500));
  const window = await generator!.endWindow(5_000);
  await generator!.call({ type: 'stop-load' });
  return window;
}

describe('bench load generator pool', () => {
  it('spreads one meeting over two processes: every edit is expected by, and reaches, every other participant', async () => {
    server = await startMeasuredServer('baseline', {});
    generator = startGenerator(2);
    await generator.configure([server.url], null, 'y-websocket', [{ docName: 'bench-spread', seed: items('s'), expectedItems: 8 }], true);
    const window = await measure([6]);
    expect(window.clients).toBe(6);
    expect(window.sent).toBeGreaterThan(0);
    // Each edit: 5 receivers, of whom 3 are in the other process than the sender's.
    expect(window.expectedReceipts).toBe(window.sent * 5);
    expect(window.receipts).toBe(window.expectedReceipts);
    expect(window.lost).toBe(0);
    expect(window.duplicates).toBe(0);
    expect(window.latency.count).toBe(window.receipts);
  }, 60_000);

  it('keeps each meeting in one process otherwise, and seeds the peer\'s document of every meeting', async () => {
    server = await startMeasuredServer('baseline', {});
    generator = startGenerator(2);
    await generator.configure([server.url], null, 'y-websocket', [
      { docName: 'bench-apart-0', seed: items('a'), expectedItems: 8 },
      { docName: 'bench-apart-1', seed: items('b'), expectedItems: 8 },
    ]);
    const window = await measure([3, 3]);
    expect(window.clients).toBe(6);
    expect(window.expectedReceipts).toBe(window.sent * 2);
    expect(window.lost).toBe(0);
  }, 60_000);
});
