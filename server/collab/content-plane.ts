import { meetingOfDoc, type DocName } from '../../shared/meeting-doc/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Bus } from '../bus/bus.js';
import type { Db } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import type { Logger } from '../logger.js';
import { AgendaSync } from './agenda-sync.js';
import { BackgroundWork } from './background-work.js';
import { authorityExtension } from './authority.js';
import { resyncAfterBusOutage } from './bus-resync.js';
import { ClusterControl, type ClusterMessage } from './cluster-control.js';
import { MemoryBus } from '../bus/memory-bus.js';
import { DocRegistry, type DocLease, type DocStore, type WithDoc } from './doc-registry.js';
import { DocFanout } from './fanout.js';
import { DocPersistence } from './persistence.js';
import { planSeedExtension } from './plan-seed.js';
import { repairAuditor } from './repair-audit.js';
import type { RepairReport } from './authority.js';
import type { LifecycleDoc } from './doc-lifecycle.js';

export interface ContentPlaneOptions {
  maxDocBytes: number;
  flushDelayMs: number;
  /** How long an unused document stays loaded, so a reconnecting client finds it warm. */
  unloadDelayMs: number;
}

/**
 * The content plane's parts put together: the registry (the documents' lifecycle) with its
 * extensions in order — fan-out, agenda sync, the plans' seed, authority (which checks edits against the agenda's
 * records) — persistence, cluster control and the resync after a bus outage. What the rest of the
 * server uses of documents is here.
 */
export class ContentPlane {
  readonly persistence: DocPersistence;
  private readonly registry: DocRegistry;
  private readonly agenda: AgendaSync;
  private readonly cluster: ClusterControl;
  private readonly background: BackgroundWork;
  readonly withDoc: WithDoc;

  constructor(private readonly db: Db, sql: Sql, bus: Bus, audit: AuditLog, private readonly log: Logger, private readonly options: ContentPlaneOptions) {
    this.background = new BackgroundWork(log);
    this.persistence = new DocPersistence(sql, log, options.flushDelayMs);
    this.cluster = new ClusterControl(bus, log, (message) => this.applyClusterMessage(message));
    ({ registry: this.registry, agenda: this.agenda } = this.assemble(this.persistence, bus, this.cluster, repairAuditor(audit, log)));
    this.withDoc = this.registry.withDoc;
    resyncAfterBusOutage(bus, this.registry, this.agenda, this.background, log);
  }

  /** A registry with its extensions in order, as described above. */
  private assemble(store: DocStore, bus: Bus, cluster: ClusterControl, reportFor: (doc: LifecycleDoc) => RepairReport): { registry: DocRegistry; agenda: AgendaSync } {
    const registry = new DocRegistry(store, new DocFanout(bus), this.log, this.options);
    const agenda = new AgendaSync(this.db, this.log, registry.withDoc, cluster);
    registry.extend(agenda, planSeedExtension, authorityExtension((meetingId) => agenda.recordsOf(meetingId), reportFor));
    return { registry, agenda };
  }

  /**
   * A registry of its own, built as this plane's is (same extensions, same code), whose documents
   * are read from the store but never written to it, published, or audited: what the start-up
   * warm-up opens a meeting in. Closing it leaves nothing behind.
   */
  scratchRegistry(): DocRegistry {
    const { persistence } = this;
    const readsOnly: DocStore = {
      load: (doc) => persistence.load(doc),
      loadParts: (doc) => persistence.loadParts(doc),
      append: () => Promise.resolve(),
      hasPending: () => false,
      flush: () => Promise.resolve(),
      compact: () => Promise.resolve(),
      drain: () => Promise.resolve(true),
    };
    const nowhere = new MemoryBus();
    return this.assemble(readsOnly, nowhere, new ClusterControl(nowhere, this.log, () => {}), () => () => {}).registry;
  }

  /** Listens for other processes' document commands (a meeting closed, its items changed). */
  start(): Promise<void> {
    return this.cluster.start();
  }

  private applyClusterMessage(message: ClusterMessage): void {
    if (message.type === 'evict') {
      this.background.run('dropping a document', () => this.registry.evict(message.doc));
      return;
    }
    this.background.run(`applying a ${message.type} command`, () => this.registry.forEachLoaded(async ({ parsed, shared }) => {
      if (meetingOfDoc(parsed) !== message.meetingId) return;
      if (message.type === 'read-only') shared.readOnly = true;
      if (message.type === 'agenda-items' && parsed.kind === 'meeting') await this.agenda.reread(message.meetingId, message.itemIds);
    }));
  }

  /** Loads the document if needed and holds it until released (a websocket upgrade); see `DocRegistry.lease`. */
  lease(name: DocName): Promise<DocLease> {
    return this.registry.lease(name);
  }

  /**
   * Starts loading a document someone is about to open (they asked for the meeting's details,
   * which the room asks for just before it connects), so its load overlaps the browser's own work
   * rather than following it. It stays loaded for the unload delay, like any other.
   */
  warm(name: DocName): void {
    this.background.run('loading a document ahead of its client', async () => (await this.registry.lease(name)).release());
  }

  /** Brings agenda items the records added or changed into the meeting document, on every process. */
  applyAgendaItems(meetingId: string, itemIds: string[]): Promise<void> {
    return this.agenda.applyAgendaItems(meetingId, itemIds);
  }

  /** What this process holds now: documents loaded (or loading) and the clients connected to them. */
  async stats(): Promise<{ documents: number; connections: number }> {
    let documents = 0;
    let connections = 0;
    await this.registry.forEachLoaded(({ shared }) => {
      documents += 1;
      connections += shared.connections.size;
    });
    return { documents, connections };
  }

  /**
   * Drops a document from every process that holds it, closing its connections, without storing
   * it again; resolves once this process has let go. The caller then deletes what is stored.
   */
  evict(doc: string): Promise<void> {
    this.cluster.send({ type: 'evict', doc });
    return this.registry.evict(doc);
  }

  /** Makes every open document of a meeting read-only, in every process (the meeting closed). */
  setMeetingReadOnly(meetingId: string): void {
    this.cluster.send({ type: 'read-only', meetingId });
  }

  /**
   * Graceful shutdown: lets the work it started on its own finish (nothing reads the database
   * after this resolves), closes every connection (clients reconnect elsewhere) and stores everything.
   */
  async close(): Promise<void> {
    await this.background.stop();
    await this.registry.close();
  }
}
