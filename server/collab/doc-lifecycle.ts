import type { DocName } from '../../shared/meeting-doc/index.js';
import type { SharedDoc } from './shared-doc.js';

/** A document in this process, as the lifecycle hooks see it. */
export interface LifecycleDoc {
  /** The formatted name (`meeting:<id>`, `prep:<id>:<agency>`). */
  readonly name: string;
  readonly parsed: DocName;
  readonly shared: SharedDoc;
}

/**
 * One concern's part in a document's life on this process (load, unload), in the manner of
 * Hocuspocus's extensions: the registry calls each extension's hooks in order and knows nothing of
 * what they do. Change and store are the `SharedDoc`'s own hooks (fan-out and persistence).
 */
export interface DocExtension {
  /** Before the stored state is read: a subscription made here misses nothing published meanwhile. */
  beforeLoad?(doc: LifecycleDoc): Promise<void>;
  /**
   * Reads what the document needs besides its stored state, alongside that read. The step it
   * returns runs once the stored state is applied, before anyone syncs.
   */
  onLoad?(doc: LifecycleDoc): Promise<() => void>;
  /** The document leaves this process (or its load failed): let go of what was set up for it. */
  onUnload?(doc: LifecycleDoc): Promise<void>;
}
