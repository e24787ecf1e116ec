import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import { formatDocName, meetingDocName, type Author, type DocName, type ItemInit } from '../../shared/meeting-doc/index.js';
import { getItem, refreshImportedFields } from '../../shared/meeting-doc/index.js';
import type { Holder, LiveAccess } from '../access/live-access.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Bus } from '../bus/bus.js';
import type { Db } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import type { Logger } from '../logger.js';
import { agendaItemInits } from '../records/agenda-snapshot.js';
import { attachMeetingAuthority, attachPrepAuthority, type RepairReport } from './authority.js';
import { CLOSE, Connection } from './connection.js';
import { channelOf, encodeBusMessage, subscribeDoc } from './fanout.js';
import { ServerOrigin } from './origins.js';
import { seedItems } from './item-seed.js';
import { DocPersistence } from './persistence.js';
import { SharedDoc } from './shared-doc.js';

export interface DocRegistryOptions {
  maxDocBytes: number;
  flushDelayMs: number;
  /** How long an unused document stays loaded, so a reconnecting client finds it warm. */
  unloadDelayMs: number;
}

interface Loaded {
  shared: SharedDoc;
  /** The meeting's agenda items as the records hold them (meeting docs only). */
  records: Map<string, ItemInit>;
  unsubscribe: () => Promise<void>;
  /** Server-side users holding the document (see `lease`); it unloads only when none is left. */
  leases: number;
  unloadTimer?: NodeJS.Timeout;
}

const isIdle = (entry: Loaded) => entry.leases === 0 && entry.shared.connections.size === 0;

/** A hold on a loaded document: it stays loaded until every lease is released and every client gone. */
export interface DocLease {
  readonly shared: SharedDoc;
  /** Lets the document unload (after the unload delay) once nothing else holds it; only the first call counts. */
  release(): void;
}

const IMPORT = new ServerOrigin('import');
const CONTROL_CHANNEL = 'collab:control';

/** What one process tells the others about documents they may hold too. */
type ControlMessage =
  | { type: 'read-only'; meetingId: string }
  // The records of these items changed: a process holding the meeting reads them again for its authority.
  | { type: 'agenda-items'; meetingId: string; itemIds: string[] };
/**
 * Each connection is pinged on a timer of its own, started when it joins, so the pings of two
 * thousand participants spread over the interval instead of blocking the event loop at once.
 */
const HEARTBEAT_MS = 30_000;

/**
 * The documents this process holds. Loads on first use (waiting for the stored state and, for a
 * meeting, its agenda items before anyone syncs). Clients hold a document through their connection,
 * the server through a lease (`withDoc`); it unloads once both are gone for the unload delay and its
 * edits are stored.
 */
export class DocRegistry {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly unloading = new Map<string, Promise<void>>();
  readonly persistence: DocPersistence;

  constructor(
    private readonly db: Db,
    sql: Sql,
    private readonly bus: Bus,
    private readonly audit: AuditLog,
    private readonly access: LiveAccess,
    private readonly log: Logger,
    private readonly options: DocRegistryOptions,
  ) {
    this.persistence = new DocPersistence(sql, log, options.flushDelayMs);
    bus.onReconnect(() => void this.resyncAll());
  }

  /** Listens for other processes' document commands (a meeting closed). */
  async start(): Promise<void> {
    await this.bus.subscribe(CONTROL_CHANNEL, (message) => {
      try {
        this.applyControl(JSON.parse(Buffer.from(message).toString('utf8')) as ControlMessage);
      } catch (err) {
        this.log.warn({ err }, 'ignored a malformed collab control message');
      }
    });
  }

  /** Applies here at once, and tells the other processes (applying twice is harmless). */
  private control(message: ControlMessage): void {
    this.applyControl(message);
    void this.bus.publish(CONTROL_CHANNEL, Buffer.from(JSON.stringify(message))).catch(() => {});
  }

  private applyControl(message: ControlMessage): void {
    for (const [name, entry] of this.loaded) {
      void entry.then((loaded) => {
        const { shared } = loaded;
        if (message.type === 'read-only' && shared.parsed.meetingId === message.meetingId) shared.readOnly = true;
        if (message.type === 'agenda-items' && shared.parsed.kind === 'meeting' && shared.parsed.meetingId === message.meetingId) {
          void this.readRecords(loaded, message.meetingId, message.itemIds);
        }
      }, () => this.loaded.delete(name));
    }
  }

  /** Brings a loaded meeting's records up to date (all of them, or the items named), for its authority. */
  private async readRecords(entry: Loaded, meetingId: string, itemIds?: string[]): Promise<void> {
    try {
      for (const init of await agendaItemInits(this.db, meetingId, itemIds)) entry.records.set(init.id, init);
    } catch (err) {
      this.log.error({ err, meetingId }, 'reading agenda items for a loaded meeting failed');
    }
  }

  /**
   * After a bus outage, updates other processes stored meanwhile never arrived here: every update is
   * stored before it is published, so reading the store again brings each document up to date. Items
   * imported meanwhile came with the stored updates; their records are read again too.
   */
  private async resyncAll(): Promise<void> {
    for (const [name, entry] of this.loaded) {
      try {
        const loaded = await entry;
        const stored = await this.persistence.load(name);
        if (stored) loaded.shared.applyRemote('update', stored);
        if (loaded.shared.parsed.kind === 'meeting') await this.readRecords(loaded, loaded.shared.parsed.meetingId);
      } catch (err) {
        this.log.error({ err, doc: name }, 'resynchronising a document failed');
      }
    }
  }

  /** Attaches an upgraded websocket to the document its lease holds, for as long as its holder's access lasts. */
  connect(ws: WebSocket, lease: DocLease, holder: Holder, author: Author, canWrite: boolean): void {
    const { shared } = lease;
    const conn = new Connection(ws, holder.participantId, author, canWrite);
    const access = this.access.register(holder, ({ expired }) => conn.close(expired ? CLOSE.sessionExpired : CLOSE.accessEnded));
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // Sent after the server closed this socket, or after access ended: never applied.
      if (conn.closing || !access.open()) return;
      if (!isBinary) return conn.close(CLOSE.malformed);
      shared.receive(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on('pong', () => (conn.alive = true));
    // A connection that missed a whole interval without answering is gone: close it.
    const heartbeat = setInterval(() => {
      if (!conn.alive) return ws.terminate();
      conn.alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    const leave = () => {
      clearInterval(heartbeat);
      access.release();
      shared.remove(conn);
    };
    ws.on('close', leave);
    ws.on('error', leave);
    // Access that ended while this connection was being set up: it never joins.
    if (conn.closing) return;
    shared.add(conn);
  }

  /**
   * Loads the document if needed and holds it until `release()`. Prefer `withDoc`, which always
   * releases; a lease of its own is for a holder whose end is an event (a websocket upgrade).
   */
  async lease(name: DocName): Promise<DocLease> {
    const docName = formatDocName(name);
    const entry = await this.hold(docName, name);
    let held = true;
    return {
      shared: entry.shared,
      release: () => {
        if (!held) return;
        held = false;
        this.letGo(docName, entry);
      },
    };
  }

  /**
   * Server-side use of a document (finalize, defer, disclosures): loads it if needed, runs `use`,
   * and releases it whatever happens, so a document the server opened unloads like any other.
   */
  withDoc<T>(name: DocName, use: (shared: SharedDoc) => T | Promise<T>): Promise<T> {
    return this.withEntry(name, (entry) => use(entry.shared));
  }

  private async withEntry<T>(name: DocName, use: (entry: Loaded) => T | Promise<T>): Promise<T> {
    const docName = formatDocName(name);
    const entry = await this.hold(docName, name);
    try {
      return await use(entry);
    } finally {
      this.letGo(docName, entry);
    }
  }

  /** The loaded entry with one more lease counted on it. */
  private async hold(name: string, parsed: DocName): Promise<Loaded> {
    for (;;) {
      const pending = this.open(name, parsed);
      const entry = await pending;
      // It may have begun unloading while this waited; then it is loaded afresh.
      if (this.loaded.get(name) !== pending) continue;
      entry.leases += 1;
      clearTimeout(entry.unloadTimer);
      return entry;
    }
  }

  private letGo(name: string, entry: Loaded): void {
    entry.leases -= 1;
    this.unloadWhenIdle(name, entry);
  }

  private open(name: string, parsed: DocName): Promise<Loaded> {
    let entry = this.loaded.get(name);
    if (!entry) {
      entry = this.load(name, parsed);
      this.loaded.set(name, entry);
      entry.catch(() => this.loaded.delete(name));
    }
    return entry;
  }

  private async load(name: string, parsed: DocName): Promise<Loaded> {
    // A previous copy may still be storing its last edits; load only after they are in.
    await this.unloading.get(name);
    let entry: Loaded | undefined;
    const shared: SharedDoc = new SharedDoc(name, parsed, {
      persist: (update, participantId) => this.persistence.append(name, update, participantId),
      publish: (kind, payload) => void this.bus.publish(channelOf(name), encodeBusMessage(kind, payload)).catch(() => {}),
      onEmpty: () => {
        if (entry) this.unloadWhenIdle(name, entry);
      },
    }, this.options.maxDocBytes, this.log);
    // Subscribe before reading the store, so no update published meanwhile is missed.
    const unsubscribe = await subscribeDoc(this.bus, name, (kind, payload) => shared.applyRemote(kind, payload));
    const records = new Map<string, ItemInit>();
    const started = performance.now();
    try {
      // The stored document and the meeting's records are independent reads: both at once.
      const [stored, inits] = await Promise.all([
        this.persistence.load(name),
        parsed.kind === 'meeting' ? agendaItemInits(this.db, parsed.meetingId) : [],
      ]);
      const read = performance.now();
      if (stored) shared.loadStored(stored);
      const report = this.repairReporter(parsed);
      if (parsed.kind === 'meeting') {
        for (const init of inits) records.set(init.id, init);
        const missing = [...records.values()].filter((init) => !getItem(shared.doc, init.id));
        if (missing.length > 0) seedItems(shared.doc, missing, IMPORT);
        attachMeetingAuthority(shared, records, report);
      } else {
        attachPrepAuthority(shared, report);
      }
      const ready = performance.now();
      // Opening a meeting is what a whole room waits for at 9:00; the phases show where it went.
      this.log.info({
        doc: name, items: records.size, storedBytes: stored?.length ?? 0,
        ms: { read: Math.round(read - started), build: Math.round(ready - read), total: Math.round(ready - started) },
      }, 'document loaded');
    } catch (err) {
      await unsubscribe();
      shared.destroy();
      throw err;
    }
    entry = { shared, records, unsubscribe, leases: 0 };
    return entry;
  }

  private repairReporter(parsed: DocName): RepairReport {
    return (conn, problems, restoredItems) => {
      void this.audit.record({
        actorId: conn.participantId,
        actorLabel: `participant ${conn.participantId}`,
        action: 'collab.repair',
        subjectType: 'Document',
        subjectId: parsed.kind === 'meeting' ? meetingDocName(parsed.meetingId) : `prep:${parsed.meetingId}:${parsed.agencyCode}`,
        meetingId: parsed.meetingId,
        details: {
          problems: problems.slice(0, 20).map((p) => ({ itemId: p.itemId, path: p.path.join('.'), message: p.message })),
          problemCount: problems.length,
          restoredItems,
        },
      }).catch((err: unknown) => this.log.error({ err }, 'audit of a document repair failed'));
    };
  }

  /**
   * Brings agenda items the records added or changed (an import, a carry-over) into the meeting
   * document, on every process: this one edits the document under a lease, loading it if it must,
   * and the edit reaches the others over the bus like any other; they are told to read the items'
   * records, which their authority checks clients' edits against.
   */
  async applyAgendaItems(meetingId: string, itemIds: string[]): Promise<void> {
    // Told first, so the others' authority most likely knows the records before the edit arrives.
    this.control({ type: 'agenda-items', meetingId, itemIds });
    const inits = await agendaItemInits(this.db, meetingId, itemIds);
    await this.withEntry({ kind: 'meeting', meetingId }, ({ shared: { doc }, records }) => {
      for (const init of inits) records.set(init.id, init);
      const missing = inits.filter((init) => !getItem(doc, init.id));
      if (missing.length > 0) seedItems(doc, missing, IMPORT);
      // Existing items take their new episodes and flags from the records.
      const changed = inits.filter((init) => getItem(doc, init.id) && !missing.includes(init));
      doc.transact(() => {
        for (const init of changed) refreshImportedFields(getItem(doc, init.id)!, init, IMPORT);
      }, IMPORT);
    });
  }

  /** Makes every open document of a meeting read-only, in every process (the meeting closed). */
  setMeetingReadOnly(meetingId: string): void {
    this.control({ type: 'read-only', meetingId });
  }

  /** Starts the unload delay once the last lease and the last connection have gone. */
  private unloadWhenIdle(name: string, entry: Loaded): void {
    if (!isIdle(entry)) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => void this.unload(name, entry), this.options.unloadDelayMs);
  }

  private async unload(name: string, entry: Loaded): Promise<void> {
    if (!isIdle(entry) || this.unloading.has(name)) return;
    this.loaded.delete(name);
    const done = (async () => {
      // During a Redis outage this fails; the bus has forgotten the channel, so it is not subscribed again.
      await entry.unsubscribe().catch((err: unknown) => this.log.warn({ err, doc: name }, 'unsubscribing an unloaded document failed'));
      // Unload only after the last write finished; a failed write keeps it loaded until it succeeds.
      while (this.persistence.hasPending(name)) await this.persistence.flush();
      await this.persistence.flush();
      await this.persistence.compact(name);
      entry.shared.destroy();
    })();
    this.unloading.set(name, done);
    try {
      await done;
    } finally {
      this.unloading.delete(name);
    }
  }

  /** Graceful shutdown: closes every connection (clients reconnect elsewhere) and stores everything. */
  async close(): Promise<void> {
    const entries = await Promise.allSettled(this.loaded.values());
    for (const result of entries) {
      if (result.status !== 'fulfilled') continue;
      for (const conn of result.value.shared.connections) conn.close(CLOSE.shuttingDown);
    }
    await this.persistence.flush();
    await Promise.allSettled(this.unloading.values());
    for (const result of entries) {
      if (result.status !== 'fulfilled') continue;
      clearTimeout(result.value.unloadTimer);
      await result.value.unsubscribe().catch(() => {});
      result.value.shared.destroy();
    }
    this.loaded.clear();
  }
}
