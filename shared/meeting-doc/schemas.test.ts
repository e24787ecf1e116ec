import { describe, expect, it } from 'vitest';
import { EpisodeSnapshot, Flags, ItemInit, KnownFlag, Rank } from './schemas.js';
import { episode, itemInit } from './test-fixtures.js';

describe('schemas', () => {
  it('accepts a complete episode snapshot and rejects extra or malformed fields', () => {
    expect(EpisodeSnapshot.parse(episode())).toEqual(episode());
    expect(EpisodeSnapshot.safeParse({ ...episode(), injected: true }).success).toBe(false);
    expect(EpisodeSnapshot.safeParse(episode({ occurredAt: '2025-03-04 21:15' })).success).toBe(false);
    expect(EpisodeSnapshot.safeParse(episode({ safvr: 1.2 })).success).toBe(false);
    expect(EpisodeSnapshot.safeParse(episode({ personAtRisk: { name: 'A', dob: '01/05/1990' } })).success).toBe(false);
    expect(EpisodeSnapshot.safeParse(episode({ childrenPresent: -1 })).success).toBe(false);
  });

  it('accepts only fractional-index keys as ranks', () => {
    for (const rank of ['a0', 'a1', 'Zz', 'a0V', 'b00']) expect(Rank.safeParse(rank).success).toBe(true);
    for (const rank of ['', 'a', 'a00', 'a0 ', '0a', 'a0-', `a0${'V'.repeat(600)}`]) {
      expect(Rank.safeParse(rank).success).toBe(false);
    }
  });

  it('keeps flags unique and upper-case', () => {
    expect(Flags.safeParse(KnownFlag.options).success).toBe(true);
    expect(Flags.safeParse(['REPEAT', 'PO_BREACHED', 'NEW_RULE']).success).toBe(true);
    expect(Flags.safeParse(['REPEAT', 'REPEAT']).success).toBe(false);
    expect(Flags.safeParse(['repeat']).success).toBe(false);
  });

  it('defaults an item init’s flags', () => {
    expect(ItemInit.parse(itemInit('i1')).flags).toEqual([]);
  });
});
