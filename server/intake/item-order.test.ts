import { generateNKeysBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import { concern, placeNewItems, type ConcernInput } from './item-order.js';

const episode = (over: Partial<ConcernInput> = {}): ConcernInput => ({
  safvr: 0.2, dyra: null, strangulation: false, weapons: false, protectionOrder: 'NONE', childrenPresent: 0, source: 'POLICE_FAMILY_HARM', ...over,
});

describe('concern', () => {
  it('puts danger signs, high scores, several episodes and repeats higher', () => {
    const base = concern([episode()], false);
    expect(concern([episode({ strangulation: true })], false)).toBeGreaterThan(base);
    expect(concern([episode({ dyra: 'HIGH' })], false)).toBeGreaterThan(concern([episode({ dyra: 'MEDIUM' })], false));
    expect(concern([episode(), episode()], false)).toBeGreaterThan(base);
    expect(concern([episode()], true)).toBeGreaterThan(base);
    expect(concern([episode({ safvr: null })], false)).toBeLessThan(base);
  });
});

describe('placeNewItems', () => {
  const [a = '', b = '', c = ''] = generateNKeysBetween(null, null, 3);

  it('orders a first list by concern, highest first', () => {
    const ranks = placeNewItems([], [0.2, 0.9, 0.5]);
    expect([...ranks].sort()).toEqual([ranks[1], ranks[2], ranks[0]]);
  });

  it('slots new items before the first existing item of lower concern, keeping existing ranks', () => {
    // The chair has put a low-concern item first and moved a 0.4 below a 0.8; those ranks stay.
    const existing = [{ rank: a, concern: 0.1 }, { rank: b, concern: 0.8 }, { rank: c, concern: 0.4 }];
    const [high = '', mid = '', low = ''] = placeNewItems(existing, [0.9, 0.5, 0.05]);
    expect(high < mid && mid < a).toBe(true);
    expect(low > c).toBe(true);
    const [between = ''] = placeNewItems([{ rank: a, concern: 0.8 }, { rank: b, concern: 0.4 }], [0.5]);
    expect(between > a && between < b).toBe(true);
  });

  it('gives several new items in one gap distinct ranks in concern order', () => {
    const ranks = placeNewItems([{ rank: a, concern: 1 }, { rank: b, concern: 0 }], [0.3, 0.6, 0.3]);
    const [first = '', second = '', third = ''] = ranks;
    expect(new Set(ranks).size).toBe(3);
    expect(a < second && second < first && first < third && third < b).toBe(true);
  });
});
