import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { TEST_REDIS_URL } from '../../tests/support/services.js';
import type { Bus } from '../bus/bus.js';
import { MemoryBus } from '../bus/memory-bus.js';
import { RedisBus } from '../bus/redis-bus.js';
import { createLogger } from '../logger.js';
import { decodeBusMessage, encodeBusMessage, type BusDocMessage } from './bus-message.js';
import { channelOf, DocFanout } from './fanout.js';
import type { DocWriter } from './persistence.js';
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

  it('over Redis publishes each edit on receipt and again once stored, and each presence change', async () => {
    await redis.connect();
    const { shared, stored, heard } = await docOn(redis);
    editAndMove(shared);
    await settled();
    expect(stored).toHaveLength(1);
    expect(heard.map((m) => m[0])).toEqual([2, 1, 0]); // unstored, awareness, stored
    shared.destroy();
  });

  it('a message reads back as it was sent, with its sender and writer; our own are dropped', () => {
    const writer = { participantId: 'participant-Ātea', userId: null };
    const sent = encodeBusMessage({ kind: 'unstored', id: 4_000_000_000, writer, payload: new Uint8Array([7, 8]) });
    expect(decodeBusMessage(sent)).toBeNull();
    const fromPeer = sent.slice();
    fromPeer[1] = (fromPeer[1]! + 1) % 256;
    expect(decodeBusMessage(fromPeer)).toMatchObject({ kind: 'unstored', id: 4_000_000_000, writer, payload: new Uint8Array([7, 8]) });
    // Cut short inside the writer: not a message.
    expect(decodeBusMessage(fromPeer.subarray(0, 24))).toBeNull();
  });
});

/**
 * Two processes' copies of one document, the bus between them a function call: `a`'s writes wait
 * until `storeA()` says they are done (or forever, as when its process is killed first).
 */
function twoProcesses(graceMs = 60_000) {
  let storeA = () => {};
  const toB: BusDocMessage[] = [];
  const b = { stored: [] as Uint8Array[], writers: [] as DocWriter[], published: [] as BusDocMessage[] };
  const a = new SharedDoc('meeting:m', { kind: 'meeting', meetingId: 'm' }, {
    persist: () => new Promise<void>((resolve) => (storeA = resolve)),
    publish: (message) => toB.push(message),
    onEmpty: () => {},
  }, 1_000_000, log);
  const shared = new SharedDoc('meeting:m', { kind: 'meeting', meetingId: 'm' }, {
    persist: (update, writer) => {
      b.stored.push(update);
      b.writers.push(writer);
      return Promise.resolve();
    },
    publish: (message) => b.published.push(message),
    onEmpty: () => {},
  }, 1_000_000, log, graceMs);
  const deliver = () => {
    for (const message of toB.splice(0)) shared.hear({ ...message, sender: 'a' });
  };
  return { a, b: Object.assign(b, { shared }), deliver, storeA: () => storeA() };
}

describe('edits other processes have not stored yet', () => {
  it('reach the other process before they are stored, which does not store them again once they are', async () => {
    const { a, b, deliver, storeA } = twoProcesses(100);
    a.doc.getMap('m').set('a', 'edited');
    deliver();
    expect(b.shared.doc.getMap('m').get('a')).toBe('edited');
    storeA();
    await Promise.resolve();
    deliver();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(b.stored).toHaveLength(0);
    a.destroy();
    b.shared.destroy();
  });

  it('are stored by the process that heard them when their sender never says it stored them (killed before its write)', async () => {
    const { a, b, deliver } = twoProcesses(50);
    a.doc.getMap('m').set('a', 'edited');
    deliver();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.stored).toHaveLength(1);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, b.stored[0]!);
    expect(fresh.getMap('m').get('a')).toBe('edited');
    // And go out as stored, for a process that loaded the document from the store meanwhile.
    await settled();
    expect(b.published.map((m) => m.kind)).toEqual(['stored']);
    a.destroy();
    b.shared.destroy();
  });

  it('are stored as their writer\'s, not the server\'s, by the process that heard them', async () => {
    const { b } = twoProcesses(50);
    const writer = { participantId: 'participant-1', userId: 'user-1' };
    const source = new Y.Doc();
    source.getMap('m').set('a', 'typed by a participant');
    b.shared.hear({ kind: 'unstored', id: 7, writer, sender: 'a', payload: Y.encodeStateAsUpdate(source) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.writers).toEqual([writer]);
    b.shared.destroy();
  });

  it('are stored when the document unloads before their sender confirms them', () => {
    const { a, b, deliver } = twoProcesses();
    a.doc.getMap('m').set('a', 'edited');
    deliver();
    b.shared.storeUnconfirmed();
    expect(b.stored).toHaveLength(1);
    a.destroy();
    b.shared.destroy();
  });

  it('arrive once stored even when the early copy was lost (a bus outage)', async () => {
    const { a, b, deliver, storeA } = twoProcesses();
    a.doc.getMap('m').set('a', 'edited');
    storeA();
    await settled();
    // Only the stored copy reaches b.
    b.shared.hear({ kind: 'stored', id: 0, sender: 'a', payload: Y.encodeStateAsUpdate(a.doc) });
    expect(b.shared.doc.getMap('m').get('a')).toBe('edited');
    deliver();
    a.destroy();
    b.shared.destroy();
  });
});
