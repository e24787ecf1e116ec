import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Heartbeat } from './heartbeat.js';

describe('heartbeat', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const done of cleanup.splice(0)) done();
  });

  /** A server whose sockets are watched, and a client of it that answers pings or not. */
  async function serverFor(heartbeat: Heartbeat) {
    const wss = new WebSocketServer({ port: 0 });
    cleanup.push(() => wss.close());
    await new Promise((r) => wss.once('listening', r));
    const closedAt = new Map<WebSocket, number>();
    wss.on('connection', (ws) => {
      heartbeat.watch(ws);
      ws.on('close', () => {
        closedAt.set(ws, Date.now());
        heartbeat.forget(ws);
      });
    });
    const connect = async (answers: boolean) => {
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { autoPong: answers });
      cleanup.push(() => client.terminate());
      await new Promise((r) => client.once('open', r));
      const pings = { count: 0 };
      client.on('ping', () => (pings.count += 1));
      return { client, pings };
    };
    return { wss, connect, closedAt };
  }

  it('closes a socket that misses a whole interval without answering, and keeps pinging one that answers', async () => {
    const heartbeat = new Heartbeat({ intervalMs: 200, slices: 4 });
    const { connect, closedAt, wss } = await serverFor(heartbeat);
    const live = await connect(true);
    const dead = await connect(false);
    const opened = Date.now();
    const deadClosed = new Promise((r) => dead.client.once('close', r));
    await deadClosed;
    // Pinged one interval after joining, closed at the next, never before.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(300);
    expect(dead.pings.count).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(live.client.readyState).toBe(WebSocket.OPEN);
    expect(live.pings.count).toBeGreaterThanOrEqual(2);
    expect([...wss.clients]).toHaveLength(1);
    expect(closedAt.size).toBe(1);
  });

  it('spreads its sockets over the interval, on one timer that stops when the last socket goes', () => {
    vi.useFakeTimers();
    cleanup.push(() => vi.useRealTimers());
    /** Counts pings, answers them when told to. */
    class FakeSocket extends EventEmitter {
      pings: number[] = [];
      terminated = false;
      ping() {
        this.pings.push(Date.now() - start);
      }
      terminate() {
        this.terminated = true;
      }
    }
    const start = Date.now();
    const heartbeat = new Heartbeat({ intervalMs: 400, slices: 4 });
    const [a, b, c] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    const watch = (s: FakeSocket) => heartbeat.watch(s as unknown as WebSocket);
    watch(a);
    expect(heartbeat.running).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(200);
    watch(b);
    watch(c);
    expect(vi.getTimerCount()).toBe(1);
    // Each pinged an interval after joining and then every interval: a at 400 and 800, b and c at 600.
    for (const t of [400, 600, 800]) {
      vi.advanceTimersByTime(t - (Date.now() - start));
      for (const s of [a, b, c]) s.emit('pong');
    }
    expect(a.pings).toEqual([400, 800]);
    expect(b.pings).toEqual([600]);
    expect(c.pings).toEqual([600]);
    // c stops answering: pinged at 1000, closed at 1400; the others go on.
    vi.advanceTimersByTime(200);
    a.emit('pong');
    b.emit('pong');
    vi.advanceTimersByTime(400);
    expect([a.terminated, b.terminated, c.terminated]).toEqual([false, false, true]);
    for (const s of [a, b, c]) heartbeat.forget(s as unknown as WebSocket);
    expect(heartbeat.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
