import { performance } from 'node:perf_hooks';
import { formatDocName, type DocName } from '../../shared/meeting-doc/index.js';
import type { Logger } from '../logger.js';
import { CLOSE } from './connection.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';
import type { DocFanout } from './fanout.js';
import type { DocPersistence } from './persistence.js';
import { SharedDoc } from './shared-doc.js';

/** What the registry asks of the document store (`DocPersistence`, or a view of it that never writes). */
export type DocStore = Pick<DocPersistence, 'load' | 'loadParts' | 'append' | 'hasPending' | 'flush' | 'compact' | 'drain'>;

export interface DocRegistryOptions {
  maxDocBytes: number;
  /** How long an unused document stays loaded, so a reconnecting client finds it warm. */
  unloadDelayMs: number;
}

interface Loaded extends LifecycleDoc {
  /** Server-side users holding the document (see `lease`); it unloads only when none is left. */
  leases: number;
  unloadTimer?: NodeJS.Timeout;
  /** Dropped without storing (`evict`): nothing may unload it again. */
  evicted?: boolean;
}

const isIdle = (entry: Loaded) => entry.leases === 0 && entry.shared.connections.size === 0;

/** A hold on a loaded document: it stays loaded until every lease is released and every client gone. */
export interface DocLease {
  readonly shared: SharedDoc;
  /**
   * Lets the document unload (after the unload delay) once nothing else holds it; only the first
   * call counts. A function of its own, so it can be a listener as it is.
   */
  readonly release: () => void;
}

/** Server-side use of a document that always lets go of it (finalize, defer, disclosures, imports). */
export type WithDoc = <T>(name: DocName, use: (shared: SharedDoc) => T | Promise<T>) => Promise<T>;

/**
 * The documents this process holds, through their lifecycle: load on first use (the stored state
 * and the extensions' reads, before anyone syncs), change and store (the `SharedDoc` hands updates
 * to persistence and fan-out), unload once idle. Clients hold a document through their connection,
 * the server through a lease (`withDoc`); it unloads once both are gone for the unload delay and its
 * edits are stored. What else happens to a document is its extensions' concern (`doc-lifecycle.ts`).
 */
export class DocRegistry {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly extensions: DocExtension[] = [];

  constructor(
    readonly persistence: DocStore,
    private readonly fanout: DocFanout,
    private readonly log: Logger,
    private readonly options: DocRegistryOptions,
  ) {
    this.extensions.push(fanout);
  }

  /** Adds extensions, whose hooks run in the order added (fan-out first), before any document loads. */
  extend(...extensions: DocExtension[]): void {
    this.extensions.push(...extensions);
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
  readonly withDoc: WithDoc = async (name, use) => {
    const docName = formatDocName(name);
    const entry = await this.hold(docName, name);
    try {
      return await use(entry.shared);
    } finally {
      this.letGo(docName, entry);
    }
  };

  /** Runs `use` on every document this process holds or is loading (once loaded); a failed load is skipped. */
  async forEachLoaded(use: (doc: LifecycleDoc) => void | Promise<void>): Promise<void> {
    await Promise.all([...this.loaded.values()].map((pending) => pending.then(
      (doc) => Promise.resolve(use(doc)).catch((err: unknown) => this.log.error({ err, doc: doc.name }, 'work on a loaded document failed')),
      () => {},
    )));
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
      persist: (update, writer) => this.persistence.append(name, update, writer),
      publish: this.fanout.publisherFor(name),
      onEmpty: () => {
        if (entry) this.unloadWhenIdle(name, entry);
      },
    }, this.options.maxDocBytes, this.log);
    const doc: LifecycleDoc = { name, parsed, shared };
    const started = performance.now();
    try {
      for (const extension of this.extensions) await extension.beforeLoad?.(doc);
      // The stored document and the extensions' reads are independent: all at once.
      const [stored, ...steps] = await Promise.all([
        this.persistence.loadParts(name),
        ...this.extensions.map((extension) => extension.onLoad?.(doc)),
      ]);
      const read = performance.now();
      if (stored.length > 0) shared.loadStored(stored);
      for (const step of steps) step?.();
      const ready = performance.now();
      // Opening a meeting is what a whole room waits for at 9:00; the phases show where it went.
      this.log.info({
        doc: name, storedBytes: stored.reduce((sum, part) => sum + part.length, 0),
        ms: { read: Math.round(read - started), build: Math.round(ready - read), total: Math.round(ready - started) },
      }, 'document loaded');
    } catch (err) {
      await this.leave(doc);
      shared.destroy();
      throw err;
    }
    entry = { ...doc, leases: 0 };
    return entry;
  }

  /** The extensions let go of a document, last added first. */
  private async leave(doc: LifecycleDoc): Promise<void> {
    for (const extension of [...this.extensions].reverse()) {
      await extension.onUnload?.(doc).catch((err: unknown) => this.log.warn({ err, doc: doc.name }, 'letting go of a document failed'));
    }
  }

  /**
   * Drops a loaded document at once, whoever holds it: its connections are closed and it is not
   * stored or compacted again (the caller deletes what is stored, as disposal does). A later open
   * loads it afresh from the store, once this has finished.
   */
  evict(name: string): Promise<void> {
    const pending = this.loaded.get(name);
    if (!pending) return this.unloading.get(name) ?? Promise.resolve();
    this.loaded.delete(name);
    const done = (async () => {
      const entry = await pending.catch(() => null);
      if (!entry) return;
      entry.evicted = true;
      clearTimeout(entry.unloadTimer);
      for (const conn of entry.shared.connections) conn.close(CLOSE.disposed);
      await this.leave(entry);
      entry.shared.destroy();
    })();
    const previous = this.unloading.get(name);
    const all = Promise.all([previous, done]).then(() => {});
    this.unloading.set(name, all);
    return all.finally(() => {
      if (this.unloading.get(name) === all) this.unloading.delete(name);
    });
  }

  /** Starts the unload delay once the last lease and the last connection have gone. */
  private unloadWhenIdle(name: string, entry: Loaded): void {
    if (!isIdle(entry) || entry.evicted) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => void this.unload(name, entry), this.options.unloadDelayMs);
  }

  private async unload(name: string, entry: Loaded): Promise<void> {
    if (!isIdle(entry) || entry.evicted || this.unloading.has(name)) return;
    this.loaded.delete(name);
    const done = (async () => {
      await this.leave(entry);
      // Unsubscribed now, so no confirmation can come any more: what a peer never confirmed is stored here.
      entry.shared.storeUnconfirmed();
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
      result.value.shared.storeUnconfirmed();
    }
    await this.persistence.drain();
    await Promise.allSettled(this.unloading.values());
    for (const result of entries) {
      if (result.status !== 'fulfilled') continue;
      clearTimeout(result.value.unloadTimer);
      await this.leave(result.value);
      result.value.shared.destroy();
    }
    this.loaded.clear();
  }
}
