import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryQueue, type Expiring } from './expiry-queue.js';

interface Entry extends Expiring {
  name: string;
}

describe('expiry queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const entry = (name: string, expiresAt: number): Entry => ({ name, expiresAt, slot: -1 });

  function queue() {
    const due: string[] = [];
    const q = new ExpiryQueue<Entry>((e) => due.push(`${e.name}@${Date.now()}`));
    return { q, due };
  }

  it('calls each entry at its own expiry, in order, whatever order they were added in, on one timer', () => {
    const { q, due } = queue();
    const delays = [700, 200, 900, 200, 50, 400, 1000, 300];
    delays.forEach((at, i) => q.add(entry(`e${i}`, at)));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(due).toEqual(['e4@50', 'e1@200', 'e3@200', 'e7@300', 'e5@400', 'e0@700', 'e2@900', 'e6@1000']);
    expect(q.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never calls a removed entry, keeps the others on time, and lets go of it', () => {
    const { q, due } = queue();
    const entries = [100, 200, 300, 400, 500, 600].map((at) => entry(`at${at}`, at));
    for (const e of entries) q.add(e);
    q.remove(entries[0]!); // the earliest, with the timer set for it
    q.remove(entries[3]!);
    q.remove(entries[3]!); // twice is harmless
    expect(q.size).toBe(4);
    expect(entries[0]!.slot).toBe(-1);
    vi.advanceTimersByTime(600);
    expect(due).toEqual(['at200@200', 'at300@300', 'at500@500', 'at600@600']);
  });

  it('moves its timer earlier when an earlier entry comes, and an entry added again takes its new expiry', () => {
    const { q, due } = queue();
    const late = entry('late', 1000);
    q.add(late);
    q.add(entry('early', 100));
    late.expiresAt = 1500;
    q.add(late);
    expect(q.size).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(due).toEqual(['early@100']);
    vi.advanceTimersByTime(500);
    expect(due).toEqual(['early@100', 'late@1500']);
  });

  it('lets an entry be added again from its own call (a session found extended)', () => {
    const due: string[] = [];
    const q: ExpiryQueue<Entry> = new ExpiryQueue<Entry>((e) => {
      due.push(`${e.name}@${Date.now()}`);
      if (e.expiresAt < 300) {
        e.expiresAt += 200;
        q.add(e);
      }
    });
    q.add(entry('session', 100));
    vi.advanceTimersByTime(1000);
    expect(due).toEqual(['session@100', 'session@300']);
  });

  it('keeps order over many random adds and removes', () => {
    const { q, due } = queue();
    const live = new Map<string, Entry>();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const e = entry(`n${i}`, 1 + Math.floor(random() * 10_000));
      q.add(e);
      live.set(e.name, e);
      if (random() < 0.3) {
        const victim = [...live.values()][Math.floor(random() * live.size)]!;
        q.remove(victim);
        live.delete(victim.name);
      }
    }
    vi.advanceTimersByTime(10_000);
    const expected = [...live.values()].sort((a, b) => a.expiresAt - b.expiresAt).map((e) => e.expiresAt);
    expect(due.map((d) => Number(d.split('@')[1]))).toEqual(expected);
    expect(new Set(due.map((d) => d.split('@')[0]))).toEqual(new Set(live.keys()));
  });
});
