import { describe, expect, it } from 'vitest';
import { benchConfig } from '../../bench/config.js';

// What `npm run bench` runs (bench/config.ts): the quick run's cuts stay the quick run's, and the
// full run measures what its published figures (README, Performance) were measured with.

describe('bench configuration', () => {
  it('keeps the full run as published', () => {
    const full = benchConfig([], 'postgres');
    expect(full.quick).toBe(false);
    expect(full.repetitions).toBe(3);
    expect(full.shareSamRoom).toBe(false);
    expect(full.idleSettleMs).toBe(1_000);
    expect([full.quietWaitMs, full.quietCalmMs, full.attempts]).toEqual([15_000, 2_000, 2]);
    expect([full.many.meetings, full.many.perMeeting, full.many.warmupMs, full.many.durationMs]).toEqual([50, 10, 2_000, 10_000]);
    expect([full.one.perMeeting, full.two.perMeeting]).toEqual([60, 60]);
    expect(full.manyPeers).toEqual(['baseline', 'hocuspocus']);
    expect(full.ramp).toMatchObject({ meetings: 100, steps: [500, 1_000, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000], settleMs: 2_000, holdMs: 4_000, withBaseline: true });
    expect(full.records.minutesRepeats).toBe(3);
  });

  it('shares one SAM Room process and shortens the waits only in a quick run', () => {
    const quick = benchConfig(['--quick'], 'postgres');
    expect(quick.shareSamRoom).toBe(true);
    expect(quick.idleSettleMs).toBeLessThan(1_000);
    expect(quick.quietWaitMs).toBeLessThanOrEqual(1_000);
    // Every live scenario is still run: scenario 1 against y-websocket, the busy room at its size, the ramp's one step.
    expect(quick.manyPeers).toEqual(['baseline']);
    expect(quick.one.perMeeting).toBeGreaterThan(1);
    expect(quick.two.perMeeting).toBeGreaterThan(1);
    expect(quick.ramp.steps).toHaveLength(1);
  });
});
