import type * as Y from 'yjs';
import {
  actionDescriptionText, dissentText, getItem, listActions, listResearch, parseDocName, rationaleText, removePrepEntry, updateAction,
} from '../../shared/meeting-doc/index.js';
import type { ContentPlane } from '../collab/content-plane.js';
import { ServerOrigin } from '../collab/origins.js';
import type { Db } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import { REMOVED_TEXT } from './anonymise-case.js';
import { squashDoc, storedPrepDocs } from './doc-store.js';

const RETENTION = new ServerOrigin('retention');

/** Replaces free text that may hold names (inside the caller's transaction). */
function scrub(text: Y.Text): void {
  if (text.length === 0 || text.toString() === REMOVED_TEXT) return;
  text.delete(0, text.length);
  text.insert(0, REMOVED_TEXT);
}

/**
 * Rewrites a meeting's documents after some of its items' cases were anonymised: the items take
 * the anonymised episodes from the records (on every process that has the document open), their
 * free text is replaced, each agency's preparation for them is removed, and then each document's
 * stored history is squashed into one snapshot, so no earlier version of those names is kept.
 * Returns how many documents were rewritten.
 */
export async function scrubMeetingDocs(db: Db, sql: Sql, docs: ContentPlane, meetingId: string, itemIds: string[]): Promise<number> {
  const meetingDoc = `meeting:${meetingId}`;
  // A document never opened, or deleted under its own rule, is not made now: there is nothing to rewrite.
  const stored = (await db.docSnapshot.count({ where: { doc: meetingDoc } })) + (await db.docUpdate.count({ where: { doc: meetingDoc } })) > 0;
  if (stored) await rewriteItems(docs, meetingId, itemIds);
  const prepDocs = (await storedPrepDocs(db, [meetingId])).get(meetingId) ?? [];
  for (const name of prepDocs) {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'prep') continue;
    await docs.withDoc(parsed, ({ doc }) => {
      doc.transact(() => itemIds.forEach((id) => removePrepEntry(doc, id, RETENTION)), RETENTION);
    });
  }
  await docs.persistence.flush();
  const names = [...(stored ? [meetingDoc] : []), ...prepDocs];
  for (const name of names) await squashDoc(sql, name);
  return names.length;
}

async function rewriteItems(docs: ContentPlane, meetingId: string, itemIds: string[]): Promise<void> {
  await docs.applyAgendaItems(meetingId, itemIds);
  await docs.withDoc({ kind: 'meeting', meetingId }, ({ doc }) => {
    doc.transact(() => {
      for (const id of itemIds) {
        const item = getItem(doc, id);
        if (!item) continue;
        for (const text of [rationaleText(item), dissentText(item), ...listResearch(item).map((r) => r.text)]) scrub(text);
        for (const action of listActions(item)) {
          scrub(actionDescriptionText(item, action.id));
          if (action.assignee !== '') updateAction(item, action.id, { assignee: '' }, RETENTION);
        }
      }
    }, RETENTION);
  });
}
