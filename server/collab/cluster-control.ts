import { z } from 'zod';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';

const CHANNEL = 'collab:control';

/** What one process tells the others about documents they may hold too. */
export const ClusterMessage = z.discriminatedUnion('type', [
  /** The meeting closed: its documents are read-only. */
  z.object({ type: z.literal('read-only'), meetingId: z.string().min(1) }),
  /** The records of these items changed: a process holding the meeting reads them again for its authority. */
  z.object({ type: z.literal('agenda-items'), meetingId: z.string().min(1), itemIds: z.array(z.string().min(1)) }),
  /** The document is being deleted (disposal): a process holding it drops it without storing it. */
  z.object({ type: z.literal('evict'), doc: z.string().min(1) }),
]);
export type ClusterMessage = z.infer<typeof ClusterMessage>;

/** A bus message as a control message, or null when it is not one (another version, or garbage). */
export function parseClusterMessage(bytes: Uint8Array): ClusterMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = ClusterMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Commands about documents for every process, this one included: `send` applies here at once and
 * tells the others (applying twice is harmless). Every bus message is untrusted: one that does not
 * parse is logged and dropped.
 */
export class ClusterControl {
  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly apply: (message: ClusterMessage) => void,
  ) {}

  async start(): Promise<void> {
    await this.bus.subscribe(CHANNEL, (bytes) => {
      const message = parseClusterMessage(bytes);
      if (!message) return this.log.warn({ bytes: bytes.length }, 'ignored a malformed collab control message');
      try {
        this.apply(message);
      } catch (err) {
        this.log.error({ err, type: message.type }, 'applying a collab control message failed');
      }
    });
  }

  send(message: ClusterMessage): void {
    this.apply(message);
    this.bus.publish(CHANNEL, Buffer.from(JSON.stringify(message)))
      .catch((err: unknown) => this.log.warn({ err, type: message.type }, 'telling other processes about a document failed'));
  }
}
