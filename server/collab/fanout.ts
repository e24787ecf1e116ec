import { randomBytes } from 'node:crypto';
import type { Bus } from '../bus/bus.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';

// Bus message: 1 byte kind, 16 bytes sending process, then the Yjs payload.
const KINDS = ['update', 'awareness'] as const;
type Kind = (typeof KINDS)[number];
const PROCESS_ID = randomBytes(16);
const HEADER = 17;

export const channelOf = (docName: string) => `collab:${docName}`;

export function encodeBusMessage(kind: Kind, payload: Uint8Array): Uint8Array {
  const message = new Uint8Array(HEADER + payload.length);
  message[0] = KINDS.indexOf(kind);
  message.set(PROCESS_ID, 1);
  message.set(payload, HEADER);
  return message;
}

/** The kind and payload of a message another process sent; null for our own or unknown ones. */
export function decodeBusMessage(message: Uint8Array): { kind: Kind; payload: Uint8Array } | null {
  const kind = KINDS[message[0] ?? -1];
  if (!kind || message.length < HEADER) return null;
  if (Buffer.compare(message.subarray(1, HEADER), PROCESS_ID) === 0) return null;
  return { kind, payload: message.subarray(HEADER) };
}

function subscribeDoc(bus: Bus, docName: string, onMessage: (kind: Kind, payload: Uint8Array) => void) {
  return bus.subscribe(channelOf(docName), (message) => {
    const decoded = decodeBusMessage(message);
    if (decoded) onMessage(decoded.kind, decoded.payload);
  });
}

/**
 * Fan-out between processes over the bus: a document is subscribed before its load reads the store
 * (so no update published meanwhile is missed) until it unloads; its updates are published only
 * once stored (`SharedDoc`).
 */
export class DocFanout implements DocExtension {
  private readonly subscriptions = new Map<string, () => Promise<void>>();

  constructor(private readonly bus: Bus) {}

  async beforeLoad({ name, shared }: LifecycleDoc): Promise<void> {
    this.subscriptions.set(name, await subscribeDoc(this.bus, name, (kind, payload) => shared.applyRemote(kind, payload)));
  }

  /**
   * What publishes a document's updates and presence to the other processes; none on a memory bus.
   * That is one process, whose subscription drops its own messages on arrival: publishing there
   * cost a copy, a microtask and a comparison per edit and per presence change, and reached nobody.
   */
  publisherFor(docName: string): ((kind: Kind, payload: Uint8Array) => void) | undefined {
    if (this.bus.kind === 'memory') return undefined;
    const channel = channelOf(docName);
    // Lost during a bus outage; peers read the store again when it returns (bus-resync.ts).
    return (kind, payload) => void this.bus.publish(channel, encodeBusMessage(kind, payload)).catch(() => {});
  }

  async onUnload({ name }: LifecycleDoc): Promise<void> {
    const unsubscribe = this.subscriptions.get(name);
    this.subscriptions.delete(name);
    // During a Redis outage this fails; the bus has forgotten the channel, so it is not subscribed again.
    await unsubscribe?.();
  }
}
