import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { TEST_REDIS_URL } from '../../tests/support/services.js';
import type { Bus } from '../bus/bus.js';
import { MemoryBus } from '../bus/memory-bus.js';
import { RedisBus } from '../bus/redis-bus.js';
import { createLogger } from '../logger.js';
import { channelOf, DocFanout } from './fanout.js';
import { SharedDoc } from './shared-doc.js';

const log = createLogger('silent');
const settled = () => new Promise((resolve) => setTimeout(resolve, 200));

/** A document wired to the bus as the registry wires it; what it stored, and what crossed the bus on its channel. */
async function docOn(bus: Bus) {
  const meetingId = randomUUID();
  const name = `meeting:${meetingId}`;
  const heard: Uint8Array[] = [];
  await bus.subscribe(channelOf(name), (message) => heard.push(message));
  const stored: Uint8Array[] = [];
  const shared = new SharedDoc(name, { kind: 'meeting', meetingId }, {
    persist: (update) => {
      stored.push(update);
      return Promise.resolve();
    },
    publish: new DocFanout(bus).publisherFor(name),
    onEmpty: () => {},
  }, 1_000_000, log);
  return { shared, stored, heard };
}

/** One edit and one presence change made on this process. */
function editAndMove(shared: SharedDoc): void {
  shared.doc.getMap('m').set('a', 'edited');
  const elsewhere = new awarenessProtocol.Awareness(new Y.Doc());
  elsewhere.setLocalState({ field: 'rationale' });
  awarenessProtocol.applyAwarenessUpdate(shared.awareness, awarenessProtocol.encodeAwarenessUpdate(elsewhere, [elsewhere.clientID]), null);
  elsewhere.destroy();
}

describe('fan-out between processes', () => {
  const redis = new RedisBus(TEST_REDIS_URL, log);
  afterAll(() => redis.close());

  it('on a memory bus (one process) publishes nothing, and still stores every edit', async () => {
    const { shared, stored, heard } = await docOn(new MemoryBus());
    editAndMove(shared);
    await settled();
    expect(stored).toHaveLength(1);
    expect(heard).toHaveLength(0);
    shared.destroy();
  });

  it('over Redis publishes each stored edit and each presence change', async () => {
    await redis.connect();
    const { shared, stored, heard } = await docOn(redis);
    editAndMove(shared);
    await settled();
    expect(stored).toHaveLength(1);
    expect(heard).toHaveLength(2);
    shared.destroy();
  });
});
