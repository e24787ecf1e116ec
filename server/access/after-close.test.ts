import { describe, expect, it } from 'vitest';
import { packsUntil, packWindowEnd } from './after-close.js';

describe('the window after a close in which an invitee may take their agency’s pack', () => {
  const closedAt = new Date('2026-11-20T22:00:00Z');
  const rep = { admitted: true, role: 'REP' as const };

  it('ends the configured number of hours after the close', () => {
    expect(packWindowEnd(closedAt, 24).toISOString()).toBe('2026-11-21T22:00:00.000Z');
    expect(packsUntil(closedAt, rep, 24, new Date('2026-11-21T21:59:59Z'))?.toISOString()).toBe('2026-11-21T22:00:00.000Z');
  });

  it('offers nothing once it has passed, with a window of 0, to someone never admitted, or to an observer', () => {
    expect(packsUntil(closedAt, rep, 24, new Date('2026-11-21T22:00:00Z'))).toBeNull();
    expect(packsUntil(closedAt, rep, 0, closedAt)).toBeNull();
    expect(packsUntil(closedAt, { admitted: false, role: 'REP' }, 24, closedAt)).toBeNull();
    expect(packsUntil(closedAt, { admitted: true, role: 'OBSERVER' }, 24, closedAt)).toBeNull();
  });
});
