import { generateNKeysBetween } from 'fractional-indexing';
import type { EpisodeSnapshot } from '../../shared/meeting-doc/index.js';

export type ConcernInput = Pick<
  EpisodeSnapshot, 'safvr' | 'dyra' | 'strangulation' | 'weapons' | 'protectionOrder' | 'childrenPresent' | 'source'
>;

const DYRA_WEIGHT = { LOW: 0, MEDIUM: 0.2, HIGH: 0.5 } as const;

/**
 * How early an item is suggested for discussion: its worst episode by the risk tools and the
 * known danger signs, plus a little for several episodes and for a repeat. The weights are the
 * demo list's, so an import orders like the seeded day. Only the order: the meeting decides the level.
 */
export function concern(episodes: readonly ConcernInput[], repeat: boolean): number {
  const worst = episodes.reduce((max, e) => Math.max(max,
    (e.safvr ?? 0) + (e.dyra ? DYRA_WEIGHT[e.dyra] : 0) + (e.strangulation ? 0.4 : 0) + (e.weapons ? 0.3 : 0)
    + (e.protectionOrder === 'BREACHED' ? 0.3 : 0) + e.childrenPresent * 0.05
    + (e.source === 'CORRECTIONS_RELEASE' ? 0.2 : 0)), 0);
  return worst + Math.max(0, episodes.length - 1) * 0.15 + (repeat ? 0.2 : 0);
}

/**
 * Ranks for new items among the existing ones: each new item goes just before the first existing
 * item (in list order) of lower concern, else at the end. Existing items keep their ranks, so an
 * order the chair has already arranged is never reshuffled. Returns ranks in `fresh` order.
 */
export function placeNewItems(existing: readonly { rank: string; concern: number }[], fresh: readonly number[]): string[] {
  const list = [...existing].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  const order = fresh.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c || a.i - b.i);
  const gaps = new Map<number, number[]>();
  for (const { c, i } of order) {
    const before = list.findIndex((e) => e.concern < c);
    const gap = before === -1 ? list.length : before;
    const inGap = gaps.get(gap);
    if (inGap) inGap.push(i);
    else gaps.set(gap, [i]);
  }
  const ranks: string[] = new Array<string>(fresh.length);
  for (const [gap, indices] of gaps) {
    const keys = generateNKeysBetween(list[gap - 1]?.rank ?? null, list[gap]?.rank ?? null, indices.length);
    indices.forEach((freshIndex, k) => {
      ranks[freshIndex] = keys[k] ?? '';
    });
  }
  return ranks;
}
