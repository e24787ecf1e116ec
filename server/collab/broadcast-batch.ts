import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Connection } from './connection.js';
import { frameBinary, type Frame } from './frame.js';
import { encodeAwareness, encodeUpdate } from './protocol.js';

/** Past this many buffered bytes a batch goes out at once, bounding the memory and the merge (Hocuspocus's default). */
const MAX_BATCH_BYTES = 1024 * 1024;
/**
 * How long a presence change waits for others in its room. Each presence message goes to every
 * connection, and every stock y-websocket client sends it back as a relay: one message fewer saves
 * about two per participant. Who is looking at which item can wait this long; edits do not wait.
 */
export const PRESENCE_WINDOW_MS = 100;

/**
 * A document's outgoing updates, coalesced per event-loop turn: everything applied to it in one
 * turn (several clients' messages read from one socket chunk, a repair after the edit it repairs,
 * the bus's relays) goes to each connection as one merged sync update. In a busy room that is one
 * send per connection per turn instead of one per update, which is what keeps the tail down.
 * A writer does not get its own updates back where the others' part is a single update of the
 * turn, which needs no merge of its own; otherwise it gets the whole batch, its own updates
 * included, which a Yjs client applies as a no-op. So a turn costs one merge however many wrote
 * in it (a merge per writer cost a fifth of the server's edit path with four writers a turn).
 * Presence changes go out as one message per `PRESENCE_WINDOW_MS`, each changed client's latest state.
 */
export class BroadcastBatch {
  private pending: { update: Uint8Array; from: Connection | null }[] = [];
  private bytes = 0;
  private readonly awarenessIds = new Set<number>();
  private scheduled: NodeJS.Immediate | null = null;
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(private readonly connections: ReadonlySet<Connection>, private readonly awareness: awarenessProtocol.Awareness) {}

  addUpdate(update: Uint8Array, from: Connection | null): void {
    this.pending.push({ update, from });
    this.bytes += update.length;
    if (this.bytes >= MAX_BATCH_BYTES) this.flushUpdates();
    else this.schedule();
  }

  addAwareness(clientIds: number[]): void {
    for (const id of clientIds) this.awarenessIds.add(id);
    this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), PRESENCE_WINDOW_MS);
  }

  private schedule(): void {
    // setImmediate runs right after this turn's I/O callbacks: no added delay, unlike a timer.
    this.scheduled ??= setImmediate(() => this.flushUpdates());
  }

  /** Sends everything buffered now, presence included. */
  flush(): void {
    this.flushUpdates();
    this.flushAwareness();
  }

  private flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    if (this.awarenessIds.size === 0) return;
    const frame = frameBinary(encodeAwareness(this.awareness, [...this.awarenessIds]));
    this.awarenessIds.clear();
    for (const conn of this.connections) conn.sendFrame(frame);
  }

  private flushUpdates(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.bytes = 0;
    const everything = frameBinary(encodeUpdate(merge(batch.map((p) => p.update))));
    // Per writer, the others' part: nothing, or the one update it needs without a merge.
    const toWriters = new Map<Connection, Frame | null>();
    for (const { from } of batch) {
      if (!from || toWriters.has(from)) continue;
      const others = batch.filter((p) => p.from !== from);
      toWriters.set(from, others.length === 0 ? null : others.length === 1 ? frameBinary(encodeUpdate(others[0]!.update)) : everything);
    }
    for (const conn of this.connections) {
      const frame = toWriters.has(conn) ? toWriters.get(conn)! : everything;
      if (frame) conn.sendFrame(frame);
    }
  }

  /** Drops what is buffered (the document is going away). */
  cancel(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.pending = [];
    this.bytes = 0;
    this.awarenessIds.clear();
  }
}

const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
