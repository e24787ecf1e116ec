import type * as Y from 'yjs';
import { getItem, refreshImportedFields, type ItemInit } from '../../shared/meeting-doc/index.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { agendaItemInits } from '../records/agenda-snapshot.js';
import type { ClusterControl } from './cluster-control.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';
import type { WithDoc } from './doc-registry.js';
import { seedItems } from './item-seed.js';
import { ServerOrigin } from './origins.js';
import { sharingDocValues } from './record-sharing.js';

const IMPORT = new ServerOrigin('import');

/**
 * A meeting document's agenda items in step with the records. At load, items the records have and
 * the document lacks are seeded (identically in every process: item-seed.ts). While it is loaded,
 * this process keeps the items' records, which the authority checks clients' edits against.
 */
export class AgendaSync implements DocExtension {
  /** Per loaded meeting: its document, and its agenda items as the records hold them. */
  private readonly loaded = new Map<string, { doc: Y.Doc; records: Map<string, ItemInit> }>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly withDoc: WithDoc,
    private readonly control: ClusterControl,
  ) {}

  /** The records a loaded meeting's authority checks against (empty for one not loaded). */
  recordsOf(meetingId: string): ReadonlyMap<string, ItemInit> {
    return this.loaded.get(meetingId)?.records ?? new Map();
  }

  async onLoad({ parsed, shared }: LifecycleDoc): Promise<() => void> {
    if (parsed.kind !== 'meeting') return () => {};
    const records = new Map<string, ItemInit>();
    this.loaded.set(parsed.meetingId, { doc: shared.doc, records });
    const inits = await agendaItemInits(this.db, parsed.meetingId);
    return () => {
      seedItems(shared.doc, inits.filter((init) => !getItem(shared.doc, init.id)), IMPORT);
      for (const init of inits) records.set(init.id, sharingDocValues(shared.doc, init));
    };
  }

  async onUnload({ parsed }: LifecycleDoc): Promise<void> {
    if (parsed.kind === 'meeting') this.loaded.delete(parsed.meetingId);
  }

  /** Reads a loaded meeting's records again (all of them, or the items named). */
  async reread(meetingId: string, itemIds?: string[]): Promise<void> {
    const loaded = this.loaded.get(meetingId);
    if (!loaded) return;
    try {
      for (const init of await agendaItemInits(this.db, meetingId, itemIds)) loaded.records.set(init.id, sharingDocValues(loaded.doc, init));
    } catch (err) {
      this.log.error({ err, meetingId }, 'reading agenda items for a loaded meeting failed');
    }
  }

  /**
   * Brings agenda items the records added or changed (an import, a carry-over) into the meeting
   * document, on every process: this one edits the document under a lease, loading it if it must,
   * and the edit reaches the others over the bus like any other; they are told to read the items'
   * records, which their authority checks clients' edits against.
   */
  async applyAgendaItems(meetingId: string, itemIds: string[]): Promise<void> {
    // Told first, so the others' authority most likely knows the records before the edit arrives.
    this.control.send({ type: 'agenda-items', meetingId, itemIds });
    const inits = await agendaItemInits(this.db, meetingId, itemIds);
    await this.withDoc({ kind: 'meeting', meetingId }, ({ doc }) => {
      const records = this.loaded.get(meetingId)?.records;
      for (const init of inits) records?.set(init.id, init);
      const missing = inits.filter((init) => !getItem(doc, init.id));
      seedItems(doc, missing, IMPORT);
      // Existing items take their new episodes and flags from the records.
      const changed = inits.filter((init) => getItem(doc, init.id) && !missing.includes(init));
      doc.transact(() => {
        for (const init of changed) refreshImportedFields(getItem(doc, init.id)!, init, IMPORT);
      }, IMPORT);
      for (const init of inits) records?.set(init.id, sharingDocValues(doc, init));
    });
  }
}
