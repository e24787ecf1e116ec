import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDb } from '../../tests/support/db.js';
import { MemoryBus } from '../bus/memory-bus.js';
import type { Db } from '../db/client.js';
import { createLogger } from '../logger.js';
import { LiveAccess, type Ending, type Holder } from './live-access.js';

describe('live access', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openMigratedDb());
  });
  afterAll(() => close());

  const log = createLogger('silent');
  const inAnHour = () => new Date(Date.now() + 3_600_000);
  const holder = (epoch: number, ids: Partial<Holder> = {}): Holder => ({
    sessionId: 's1', userId: 'u1', participantId: 'p1', sessionExpiresAt: inAnHour(), epoch, ...ids,
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));

  async function started(bus = new MemoryBus()) {
    const access = new LiveAccess(db, bus, log);
    await access.start();
    return access;
  }

  it('ends a connection whose session was revoked after it was read from the database but before it registered', async () => {
    const access = await started();
    const epoch = access.epoch(); // the upgrade reads the session…
    await access.end({ kind: 'session', id: 's1' }, 'You signed out'); // …the logout lands meanwhile…
    const endings: Ending[] = [];
    const handle = access.register(holder(epoch), (e) => endings.push(e)); // …and only then it registers.
    expect(endings).toEqual([{ reason: 'You signed out', expired: false }]);
    expect(handle.open()).toBe(false);
  });

  it('leaves alone a connection whose session was read after the revocation', async () => {
    const access = await started();
    await access.end({ kind: 'user', id: 'u2' }, 'Your account has been disabled');
    // The account was enabled again and signed in anew: the database said yes after the revocation.
    const endings: Ending[] = [];
    const handle = access.register(holder(access.epoch(), { userId: 'u2' }), (e) => endings.push(e));
    expect(endings).toEqual([]);
    expect(handle.open()).toBe(true);
    handle.release();
  });

  it('ends, by session, account or participant, the matching connections in another process too, once each', async () => {
    const bus = new MemoryBus();
    const [a, b] = [await started(bus), await started(bus)];
    const ended: string[] = [];
    const watch = (h: Holder, name: string) => b.register(h, () => ended.push(name));
    const staffTab = watch(holder(b.epoch(), { sessionId: 's3', userId: 'u3', participantId: 'p3' }), 'staff tab');
    watch(holder(b.epoch(), { sessionId: 's4', userId: 'u3', participantId: 'p3' }), 'staff phone');
    watch(holder(b.epoch(), { sessionId: 's5', userId: null, participantId: 'p5' }), 'invitee');
    watch(holder(b.epoch(), { sessionId: 's6', userId: 'u6', participantId: 'p6' }), 'someone else');

    await a.end({ kind: 'session', id: 's3' }, 'You signed out');
    await tick();
    expect(ended).toEqual(['staff tab']);
    expect(staffTab.open()).toBe(false);
    await a.end({ kind: 'user', id: 'u3' }, 'Your account has been disabled');
    await a.end({ kind: 'participant', id: 'p5' }, 'The chair removed you from the meeting');
    await tick();
    expect(ended).toEqual(['staff tab', 'staff phone', 'invitee']);
  });

  it('ignores malformed messages on its bus channel', async () => {
    const bus = new MemoryBus();
    const access = await started(bus);
    const endings: Ending[] = [];
    access.register(holder(access.epoch(), { sessionId: 's7' }), (e) => endings.push(e));
    await bus.publish('access:ended', Buffer.from('{not json'));
    await bus.publish('access:ended', Buffer.from(JSON.stringify({ kind: 'everyone', id: 's7', reason: 'x' })));
    await tick();
    expect(endings).toEqual([]);
  });

  it('ends each connection when its session runs out, on one timer for all, and forgets released ones', async () => {
    const access = await started();
    const endings: string[] = [];
    const soon = (ms: number) => new Date(Date.now() + ms);
    // Sessions unknown to the database: at their expiry there is nothing to extend them.
    const a = access.register(holder(access.epoch(), { sessionId: 'x1', userId: null, participantId: 'px1', sessionExpiresAt: soon(150) }), (e) => endings.push(`a ${e.expired}`));
    const b = access.register(holder(access.epoch(), { sessionId: 'x2', userId: null, participantId: 'px2', sessionExpiresAt: soon(60) }), (e) => endings.push(`b ${e.expired}`));
    const c = access.register(holder(access.epoch(), { sessionId: 'x3', userId: null, participantId: 'px3', sessionExpiresAt: soon(100) }), () => endings.push('c'));
    const later = access.register(holder(access.epoch(), { sessionId: 'x4', userId: null, participantId: 'px4' }), () => endings.push('later'));
    expect(access.watched).toBe(4);
    c.release();
    expect(access.watched).toBe(3);
    // Each expiry asks the database whether the session was extended meanwhile: wait for both answers.
    for (let waited = 0; endings.length < 2 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(endings.sort()).toEqual(['a true', 'b true']);
    expect([a.open(), b.open(), c.open(), later.open()]).toEqual([false, false, false, true]);
    later.release();
    expect(access.watched).toBe(0);
  });
});
