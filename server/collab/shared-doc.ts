import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocName } from '../../shared/meeting-doc/index.js';
import type { Logger } from '../logger.js';
import { BroadcastBatch } from './broadcast-batch.js';
import { compactDecodedDoc } from './compact-doc.js';
import { CLOSE, Connection } from './connection.js';
import type { BusDocMessage, HeardMessage } from './bus-message.js';
import { BUS_ORIGIN, LOAD_ORIGIN } from './origins.js';
import { dropNewPending, pendingOf } from './pending-updates.js';
import { SERVER_WRITER, type DocWriter } from './persistence.js';
import {
  decodeClientMessage, filterAwarenessUpdate, encodeAwareness, encodeSyncStep1, encodeSyncStep2,
} from './protocol.js';
import { UnstoredUpdates } from './unstored-updates.js';

export interface SharedDocHooks {
  /** An applied update to store; resolves once stored. `participantId` is null for the server's own edits. */
  persist(update: Uint8Array, writer: DocWriter): Promise<void>;
  /** A local update (before and after it is stored) or awareness change for other processes; absent when no other process can hear. */
  publish: ((message: BusDocMessage) => void) | undefined;
  /** Called when the last connection leaves. */
  onEmpty(): void;
}

/**
 * One loaded document and everyone connected to it: applies their updates (unless they are
 * read-only), fans them out to the others, keeps awareness, and hands updates to persistence.
 */
export class SharedDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Set when the meeting closes: nobody may write any more. */
  readOnly = false;
  /** Rough stored size, to refuse growth past the limit without re-encoding the document. */
  private approxBytes = 0;
  droppedUpdates = 0;
  /** Which connection speaks for each awareness client id (each connection's `awarenessIds`, inverted). */
  private readonly awarenessHolders = new Map<number, Connection>();
  /** What goes out to the connections, coalesced per event-loop turn. */
  private readonly outgoing = new BroadcastBatch(this.connections, this.awareness);
  /** Other processes' updates applied here before their sender stored them. */
  private readonly unstored: UnstoredUpdates;
  /** Numbers this process's published updates, so a peer can match the stored copy to the early one. */
  private nextPublished = 0;

  constructor(
    readonly name: string,
    readonly parsed: DocName,
    private readonly hooks: SharedDocHooks,
    private readonly maxDocBytes: number,
    private readonly log: Logger,
    unstoredGraceMs?: number,
  ) {
    this.unstored = new UnstoredUpdates((update, writer) => this.storeForPeer(update, writer), unstoredGraceMs);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.updateListener);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      this.outgoing.addAwareness(changed);
      if (origin !== BUS_ORIGIN) this.hooks.publish?.({ kind: 'awareness', payload: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) });
    });
  }

  private readonly updateListener = (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin);

  /**
   * Applies the stored state (the snapshot and the updates after it, in order, as one transaction);
   * not persisted or published again. The update listener is off meanwhile: with it on, Yjs
   * encodes the whole stored state once more for an event that would be ignored (a third of a
   * 300-item load), and merging the parts first would decode and encode it all once more again.
   * What was decoded is then held in less memory (compact-doc.ts), before anything reads it.
   */
  loadStored(parts: readonly Uint8Array[]): void {
    this.doc.off('update', this.updateListener);
    try {
      this.doc.transact(() => {
        for (const part of parts) Y.applyUpdate(this.doc, part, LOAD_ORIGIN);
      }, LOAD_ORIGIN);
    } finally {
      this.doc.on('update', this.updateListener);
    }
    compactDecodedDoc(this.doc);
    this.approxBytes = parts.reduce((sum, part) => sum + part.length, 0);
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.approxBytes += update.length;
    this.outgoing.addUpdate(update, origin instanceof Connection ? origin : null);
    // Updates from the bus are stored by the process that received them (or, failing that, by
    // `unstored`).
    if (origin === BUS_ORIGIN) return;
    const writer = origin instanceof Connection ? origin.writer : SERVER_WRITER;
    const stored = this.hooks.persist(update, writer);
    const { publish } = this.hooks;
    if (!publish) return;
    // Published at once, so the other processes' clients see it without waiting for the write (the
    // write was most of the way across: the batch's delay and a statement on a busy database), and
    // again once stored: that copy is what a peer's store-watch and a resync after an outage rely on.
    const id = this.publishedNumber();
    publish({ kind: 'unstored', id, writer, payload: update });
    void stored.then(() => publish({ kind: 'stored', id, payload: update }));
  }

  /** A message another process published on this document's channel. */
  hear(message: HeardMessage): void {
    if (message.kind === 'awareness') return this.applyRemote('awareness', message.payload);
    const key = `${message.sender}:${message.id}`;
    if (message.kind === 'unstored') {
      this.unstored.heard(key, message.payload, message.writer);
      return this.applyRemote('update', message.payload);
    }
    // Its early copy was applied already; else (it was lost, or came before this document loaded) apply it now.
    if (!this.unstored.stored(key)) this.applyRemote('update', message.payload);
  }

  /**
   * Stores an update its sender never confirmed, and publishes it as stored: a process that loaded
   * the document meanwhile read the store without it, and may hold later edits that depend on it.
   */
  private storeForPeer(update: Uint8Array, writer: DocWriter): void {
    const stored = this.hooks.persist(update, writer);
    const { publish } = this.hooks;
    if (!publish) return;
    const id = this.publishedNumber();
    void stored.then(() => publish({ kind: 'stored', id, payload: update }));
  }

  private publishedNumber(): number {
    const id = this.nextPublished;
    this.nextPublished = (id + 1) >>> 0;
    return id;
  }

  /** Stores the other processes' updates not yet confirmed stored: called before unloading or shutting down. */
  storeUnconfirmed(): void {
    this.unstored.storeAll();
  }

  /** Applies an update (from the bus, or read from the store by a resync) or awareness change. */
  applyRemote(kind: 'update' | 'awareness', payload: Uint8Array): void {
    try {
      if (kind === 'update') Y.applyUpdate(this.doc, payload, BUS_ORIGIN);
      else awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, BUS_ORIGIN);
    } catch (err) {
      this.log.warn({ err, doc: this.name }, 'ignored a malformed message from the bus');
    }
  }

  add(conn: Connection): void {
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(encodeAwareness(this.awareness, states));
  }

  remove(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    for (const id of conn.awarenessIds) this.awarenessHolders.delete(id);
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    if (this.connections.size === 0) this.hooks.onEmpty();
  }

  /** Handles one binary message from a client. Anything malformed closes that client only. */
  receive(conn: Connection, data: Uint8Array): void {
    try {
      const message = decodeClientMessage(data);
      switch (message.type) {
        case 'sync-step-1':
          conn.send(encodeSyncStep2(this.doc, message.stateVector));
          return;
        case 'update':
          this.receiveUpdate(conn, message.update);
          return;
        case 'awareness':
          this.receiveAwareness(conn, message.update);
          return;
        case 'query-awareness':
          conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
          return;
      }
    } catch (err) {
      this.log.warn({ doc: this.name, participantId: conn.participantId, err: (err as Error).message }, 'malformed collab message');
      conn.close(CLOSE.malformed);
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    // Read-only clients' edits are dropped: never applied, broadcast or stored.
    if (!conn.canWrite || this.readOnly) {
      this.droppedUpdates += 1;
      return;
    }
    if (this.approxBytes + update.length > this.maxDocBytes) {
      conn.close(CLOSE.docFull);
      return;
    }
    const pendingBefore = pendingOf(this.doc);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } finally {
      if (dropNewPending(this.doc, pendingBefore)) {
        this.log.warn({ doc: this.name, participantId: conn.participantId }, 'refused a collab update with missing dependencies');
        conn.close(CLOSE.missingDependencies);
      }
    }
  }

  /**
   * A client speaks only for its own ids: entries for someone else's are dropped (stock y-websocket
   * clients relay everyone's presence back, so most entries are such relays). An id held by another
   * connection of the same participant moves to this one: that is the same person reconnecting
   * before the old socket timed out. An id nobody holds is claimed only with a clock newer than the
   * server's: a relay carries a clock the server already has (such as the removal of someone who
   * just left), and claiming on it would refuse that person's own presence when they come back.
   */
  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    const own = filterAwarenessUpdate(update, (id, clock) => {
      if (conn.awarenessIds.has(id)) return true;
      const holder = this.awarenessHolders.get(id);
      if (holder && holder.speaker !== conn.speaker) return false;
      if (!holder && clock <= (this.awareness.meta.get(id)?.clock ?? -1)) return false;
      holder?.awarenessIds.delete(id);
      conn.awarenessIds.add(id);
      this.awarenessHolders.set(id, conn);
      return true;
    });
    if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, conn);
  }

  destroy(): void {
    this.unstored.forget();
    this.outgoing.cancel();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
