import { describe, expect, it } from 'vitest';
import { ServerCountWatch } from './server-count-watch.js';

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('watching how many processes answer', () => {
  it('reports a new count, an answer after a failed one, and the first answer after forget(), and nothing else', async () => {
    let count = 2;
    let failing = false;
    let asked = 0;
    let changes = 0;
    const watch = new ServerCountWatch(async () => {
      asked += 1;
      if (failing) throw new Error('Redis is away');
      return count;
    }, 2, () => (changes += 1));
    const askedAgain = async (times: number) => {
      const from = asked;
      await until(() => asked >= from + times);
    };

    watch.start();
    await askedAgain(3);
    expect(changes).toBe(1);
    count = 1;
    await until(() => changes === 2);
    count = 2;
    await until(() => changes === 3);
    await askedAgain(3);
    expect(changes).toBe(3);

    // A reconnect: the same number may be other processes (or ours only half back).
    watch.forget();
    await until(() => changes === 4);
    failing = true;
    await askedAgain(2);
    failing = false;
    await until(() => changes === 5);
    await askedAgain(3);
    expect(changes).toBe(5);

    watch.stop();
    const stoppedAt = asked;
    await new Promise((r) => setTimeout(r, 30));
    expect(asked - stoppedAt).toBeLessThanOrEqual(1);
  });
});
