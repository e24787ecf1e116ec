import { describe, expect, it } from 'vitest';
import { RedisBus } from '../../server/bus/redis-bus.js';
import { createLogger } from '../../server/logger.js';
import { requireService, TEST_REDIS_URL } from '../support/services.js';

describe('Redis bus', () => {
  it('carries bytes between two processes’ buses and stops after unsubscribe', async ({ skip }) => {
    if (!(await requireService('Redis', TEST_REDIS_URL, 6379))) skip();
    const log = createLogger('silent');
    const a = new RedisBus(TEST_REDIS_URL, log);
    const b = new RedisBus(TEST_REDIS_URL, log);
    await Promise.all([a.connect(), b.connect()]);
    try {
      expect(a.healthy()).toBe(true);
      const channel = `test:${Math.random()}`;
      const received: number[][] = [];
      let gotBoth!: () => void;
      const both = new Promise<void>((resolve) => (gotBoth = resolve));
      const unsubscribe = await b.subscribe(channel, (m) => {
        received.push([...m]);
        if (received.length === 2) gotBoth();
      });
      await a.publish(channel, new Uint8Array([1, 2, 255]));
      await a.publish(channel, new Uint8Array([0]));
      await both;
      await unsubscribe();
      await a.publish(channel, new Uint8Array([9]));
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual([[1, 2, 255], [0]]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
