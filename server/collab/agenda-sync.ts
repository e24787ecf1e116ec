import { getItem, refreshImportedFields, type ItemInit } from '../../shared/meeting-doc/index.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { agendaItemInits } from '../records/agenda-snapshot.js';
import type { ClusterControl } from './cluster-control.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';
import type { WithDoc } from './doc-registry.js';
import { seedItems } from './item-seed.js';
import { ServerOrigin } from './origins.js';

const IMPORT = new ServerOrigin('import');

/**
 * A meeting document's agenda items in step with the records. At load, items the records have and
 * the document lacks are seeded (identically in every process: item-seed.ts). While it is loaded,
 * this process keeps the items' records, which the authority checks clients' edits against.
 */
export class AgendaSync implements DocExtension {
  /** Per loaded meeting: its agenda items as the records hold them. */
  private readonly records = new Map<string, Map<string, ItemInit>>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly withDoc: WithDoc,
    private readonly control: ClusterControl,
  ) {}

  /** The records a loaded meeting's authority checks against (empty for one not loaded). */
  recordsOf(meetingId: string): ReadonlyMap<string, ItemInit> {
    return this.records.get(meetingId) ?? new Map();
  }

  async onLoad({ parsed, shared }: LifecycleDoc): Promise<() => void> {
    if (parsed.kind !== 'meeting') return () => {};
    const records = new Map<string, ItemInit>();
    this.records.set(parsed.meetingId, records);
    const inits = await agendaItemInits(this.db, parsed.meetingId);
    return () => {
      for (const init of inits) records.set(init.id, init);
      seedItems(shared.doc, inits.filter((init) => !getItem(shared.doc, init.id)), IMPORT);
    };
  }

  async onUnload({ parsed }: LifecycleDoc): Promise<void> {
    if (parsed.kind === 'meeting') this.records.delete(parsed.meetingId);
  }

  /** Reads a loaded meeting's records again (all of them, or the items named). */
  async reread(meetingId: string, itemIds?: string[]): Promise<void> {
    const records = this.records.get(meetingId);
    if (!records) return;
    try {
      for (const init of await agendaItemInits(this.db, meetingId, itemIds)) records.set(init.id, init);
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
      const records = this.records.get(meetingId);
      for (const init of inits) records?.set(init.id, init);
      const missing = inits.filter((init) => !getItem(doc, init.id));
      seedItems(doc, missing, IMPORT);
      // Existing items take their new episodes and flags from the records.
      const changed = inits.filter((init) => getItem(doc, init.id) && !missing.includes(init));
      doc.transact(() => {
        for (const init of changed) refreshImportedFields(getItem(doc, init.id)!, init, IMPORT);
      }, IMPORT);
    });
  }
}
