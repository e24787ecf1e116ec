import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { createLogger } from '../logger.js';
import { ClusterControl, type ClusterMessage } from './cluster-control.js';

const MEETING = '0b7c4c3e-5a1e-4f4f-9a53-2f7d2c1e9b10';

/** A control plane on a memory bus, with what it applied and what it logged. */
async function started() {
  const bus = new MemoryBus();
  const lines: Array<{ msg: string }> = [];
  const log = createLogger('info', new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { msg: string });
      done();
    },
  }));
  const applied: ClusterMessage[] = [];
  const control = new ClusterControl(bus, log, (message) => applied.push(message));
  await control.start();
  const publish = (body: string) => bus.publish('collab:control', Buffer.from(body));
  // Delivery is on a later microtask: a message's effect is seen once it and the bus settle.
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { applied, lines, publish, settle, control };
}

describe('cluster control messages', () => {
  it('applies a well-formed message from another process', async () => {
    const { applied, publish, settle } = await started();
    await publish(JSON.stringify({ type: 'agenda-items', meetingId: MEETING, itemIds: ['item-1'] }));
    await settle();
    expect(applied).toEqual([{ type: 'agenda-items', meetingId: MEETING, itemIds: ['item-1'] }]);
  });

  it('applies an eviction from another process (a disposed plan)', async () => {
    const { applied, publish, settle } = await started();
    await publish(JSON.stringify({ type: 'evict', doc: `plan:${MEETING}` }));
    await settle();
    expect(applied).toEqual([{ type: 'evict', doc: `plan:${MEETING}` }]);
  });

  it.each([
    ['not JSON', '{"type":'],
    ['an unknown type', JSON.stringify({ type: 'explode', meetingId: MEETING })],
    ['a missing meeting', JSON.stringify({ type: 'read-only' })],
    ['item ids that are not a list', JSON.stringify({ type: 'agenda-items', meetingId: MEETING, itemIds: 'item-1' })],
    ['an eviction without its document', JSON.stringify({ type: 'evict', doc: '' })],
    ['a bare value', 'null'],
  ])('logs and drops %s without throwing', async (_what, body) => {
    const { applied, lines, publish, settle } = await started();
    await publish(body);
    await settle();
    expect(applied).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain('ignored a malformed collab control message');
  });

  it('applies what it sends here at once, and the other processes hear it', async () => {
    const { applied, control, settle } = await started();
    control.send({ type: 'read-only', meetingId: MEETING });
    expect(applied).toEqual([{ type: 'read-only', meetingId: MEETING }]);
    await settle();
    expect(applied).toHaveLength(2);
  });
});
