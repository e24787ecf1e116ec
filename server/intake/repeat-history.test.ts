import { describe, expect, it } from 'vitest';
import { repeatWindowStart } from './repeat-history.js';

describe('repeatWindowStart', () => {
  it('goes back 12 calendar months in Pacific/Auckland, across daylight saving', () => {
    // 21:00 NZST on 1 July 2026 → 21:00 NZST on 1 July 2025.
    expect(repeatWindowStart(new Date('2026-07-01T09:00:00Z')).toISOString()).toBe('2025-07-01T09:00:00.000Z');
    // 21:00 NZDT on 1 March 2026 → 21:00 NZDT on 1 March 2025.
    expect(repeatWindowStart(new Date('2026-03-01T08:00:00Z')).toISOString()).toBe('2025-03-01T08:00:00.000Z');
  });

  it('ends a leap day on 28 February', () => {
    expect(repeatWindowStart(new Date('2028-02-29T08:00:00Z')).toISOString()).toBe('2027-02-28T08:00:00.000Z');
  });
});
