import type { Bus } from '../bus/bus.js';
import { decodeBusMessage, encodeBusMessage, type BusDocMessage, type HeardMessage } from './bus-message.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';

export const channelOf = (docName: string) => `collab:${docName}`;

function subscribeDoc(bus: Bus, docName: string, onMessage: (message: HeardMessage) => void) {
  return bus.subscribe(channelOf(docName), (bytes) => {
    const decoded = decodeBusMessage(bytes);
    if (decoded) onMessage(decoded);
  });
}

/**
 * Fan-out between processes over the bus: a document is subscribed before its load reads the store
 * (so no update published meanwhile is missed) until it unloads; each of its updates is published on
 * receipt and again once stored (`SharedDoc`).
 */
export class DocFanout implements DocExtension {
  private readonly subscriptions = new Map<string, () => Promise<void>>();

  constructor(private readonly bus: Bus) {}

  async beforeLoad({ name, shared }: LifecycleDoc): Promise<void> {
    this.subscriptions.set(name, await subscribeDoc(this.bus, name, (message) => shared.hear(message)));
  }

  /**
   * What publishes a document's updates and presence to the other processes; none on a memory bus.
   * That is one process, whose subscription drops its own messages on arrival: publishing there
   * cost a copy, a microtask and a comparison per edit and per presence change, and reached nobody.
   */
  publisherFor(docName: string): ((message: BusDocMessage) => void) | undefined {
    if (this.bus.kind === 'memory') return undefined;
    const channel = channelOf(docName);
    // Lost during a bus outage; peers read the store again when it returns (bus-resync.ts).
    return (message) => void this.bus.publish(channel, encodeBusMessage(message)).catch(() => {});
  }

  async onUnload({ name }: LifecycleDoc): Promise<void> {
    const unsubscribe = this.subscriptions.get(name);
    this.subscriptions.delete(name);
    // During a Redis outage this fails; the bus has forgotten the channel, so it is not subscribed again.
    await unsubscribe?.();
  }
}
