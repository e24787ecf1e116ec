import type * as Y from 'yjs';

/** An item of a meeting doc. Read and write it only through the functions of meeting-doc.ts. */
export interface MeetingItem {
  readonly id: string;
  readonly doc: Y.Doc;
  /** The item's Y.Map, exposed for the validator; observe it with observeItem. */
  readonly ymap: Y.Map<unknown>;
}
