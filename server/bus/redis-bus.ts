import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Bus } from './bus.js';

/**
 * Redis pub/sub between processes. Redis needs one connection for publishing and one for
 * subscribing; ioredis reconnects both on its own. After an outage this bus subscribes again
 * itself and only then tells its listeners to resynchronise: ioredis's own re-subscription starts
 * after its 'ready', so a resync on 'ready' could read the store before the subscription is back
 * and miss an update published in between.
 */
export class RedisBus implements Bus {
  readonly kind = 'redis' as const;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channels = new Map<string, Set<(message: Uint8Array) => void>>();
  private up = false;
  private wasDown = false;
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(url: string, log: Logger) {
    const options = { maxRetriesPerRequest: 2, lazyConnect: true };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, { ...options, autoResubscribe: false });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      for (const listener of this.channels.get(channel.toString()) ?? []) listener(new Uint8Array(message));
    });
    for (const conn of [this.pub, this.sub]) {
      conn.on('ready', () => {
        this.up = this.pub.status === 'ready' && this.sub.status === 'ready';
        if (this.up && this.wasDown) {
          this.wasDown = false;
          log.info('redis bus reconnected; resynchronising');
          this.resubscribe().then(
            () => {
              for (const listener of this.reconnectListeners) listener();
            },
            // The connection dropped again: its next 'ready' tries once more.
            (err: unknown) => log.warn({ err: (err as Error).message }, 'redis bus could not subscribe again'),
          );
        }
      });
      conn.on('error', (err: Error) => log.warn({ err: err.message }, 'redis bus error'));
      conn.on('close', () => {
        if (this.up) log.warn('redis bus disconnected; serving local clients until it returns');
        this.up = false;
        this.wasDown = true;
      });
    }
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.channels.keys()];
    if (channels.length > 0) await this.sub.subscribe(...channels);
  }

  /** Connects both connections; fails if Redis is unreachable at start-up. */
  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    this.up = true;
    this.wasDown = false;
  }

  async publish(channel: string, message: Uint8Array): Promise<void> {
    await this.pub.publish(channel, Buffer.from(message));
  }

  async subscribe(channel: string, onMessage: (message: Uint8Array) => void): Promise<() => Promise<void>> {
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
      await this.sub.subscribe(channel);
    }
    listeners.add(onMessage);
    return async () => {
      listeners.delete(onMessage);
      if (listeners.size === 0 && this.channels.get(channel) === listeners) {
        this.channels.delete(channel);
        await this.sub.unsubscribe(channel);
      }
    };
  }

  healthy(): boolean {
    return this.up;
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
