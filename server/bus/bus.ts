/**
 * Fan-out between server processes. Messages are opaque bytes on named channels; a process
 * hears its own publications too, so callers tag messages with an origin and ignore their own.
 */
export interface Bus {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: Uint8Array): Promise<void>;
  /** Resolves once the subscription is live, so nothing published afterwards is missed. */
  subscribe(channel: string, onMessage: (message: Uint8Array) => void): Promise<() => Promise<void>>;
  /** Whether messages currently reach other processes (always true in memory). */
  healthy(): boolean;
  /** Called when the bus comes back after an outage: what was published meanwhile was lost. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}
