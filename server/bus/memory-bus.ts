import type { Bus } from './bus.js';

/** The single-process bus: delivery is a function call, on the next microtask like a network. */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly channels = new Map<string, Set<(message: Uint8Array) => void>>();

  async publish(channel: string, message: Uint8Array): Promise<void> {
    for (const listener of this.channels.get(channel) ?? []) queueMicrotask(() => listener(message));
  }

  async subscribe(channel: string, onMessage: (message: Uint8Array) => void): Promise<() => Promise<void>> {
    const listeners = this.channels.get(channel) ?? new Set();
    listeners.add(onMessage);
    this.channels.set(channel, listeners);
    return async () => {
      listeners.delete(onMessage);
      if (listeners.size === 0) this.channels.delete(channel);
    };
  }

  healthy(): boolean {
    return true;
  }

  onReconnect(): void {
    // One process: nothing to lose.
  }

  async close(): Promise<void> {
    this.channels.clear();
  }
}
