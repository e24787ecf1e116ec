import type * as Y from 'yjs';
import {
  addItems, authorshipProblems, getItem, observeItems, repairDoc, validateDocShape, validateItem, validatePrepDoc,
  type ItemInit, type ItemValues, type Problem,
} from '../../shared/meeting-doc/index.js';
import { repairPlanDoc, validatePlanDoc, type PlanKind } from '../../shared/plan-doc/index.js';
import { Connection } from './connection.js';
import type { DocExtension, LifecycleDoc } from './doc-lifecycle.js';
import { ServerOrigin } from './origins.js';
import type { SharedDoc } from './shared-doc.js';

export type RepairReport = (conn: Connection, problems: Problem[], restoredItems: string[]) => void;

const REPAIR = new ServerOrigin('repair');

/** The import fields of an item as the case records hold them; clients may not change these. */
function recordedFields(init: ItemInit): Partial<ItemValues> {
  return { caseId: init.caseId, familyRef: init.familyRef, reason: init.reason, episodes: init.episodes, lastDecidedRisk: init.lastDecidedRisk ?? null };
}

/**
 * Server authority over a meeting document: after each client transaction, validate what it
 * changed and repair anything invalid with a server-origin edit; put back what the writer was not
 * entitled to change (authorship.ts: another agency's research, an action's status, the decision
 * state). An item a client deleted is put back from the records, with what others wrote in it.
 * `records` is kept current by the agenda sync (imports add to it).
 */
export function attachMeetingAuthority(shared: SharedDoc, records: ReadonlyMap<string, ItemInit>, report: RepairReport): void {
  const { doc } = shared;
  observeItems(doc, (changes, tr) => {
    if (!(tr.origin instanceof Connection)) return;
    const { author } = tr.origin;
    // First, while the doc still holds what the transaction replaced: the check reads it.
    const denied = [...changes].flatMap(([id, change]) =>
      getItem(doc, id) || records.has(id) ? authorshipProblems(doc, id, change, author, tr) : []);
    const problems = validateDocShape(doc, 'meeting', changes.keys());
    const restore: ItemInit[] = [];
    for (const [id, change] of changes) {
      const item = getItem(doc, id);
      const record = records.get(id);
      if (item) problems.push(...validateItem(item, { change, ...(record && { expected: recordedFields(record) }) }));
      else if (record) restore.push(record);
    }
    if (problems.length > 0) repairDoc(doc, 'meeting', problems, REPAIR);
    if (restore.length > 0) addItems(doc, restore, REPAIR);
    if (denied.length > 0) repairDoc(doc, 'meeting', denied, REPAIR);
    problems.push(...denied);
    if (problems.length > 0 || restore.length > 0) report(tr.origin, problems, restore.map((r) => r.id));
  });
  watchTopLevel(doc, 'meeting', report);
}

/** The same for an agency's prep doc, which is small enough to check whole. */
export function attachPrepAuthority(shared: SharedDoc, report: RepairReport): void {
  shared.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!(tr.origin instanceof Connection)) return;
    const problems = validatePrepDoc(shared.doc);
    if (problems.length === 0) return;
    repairDoc(shared.doc, 'prep', problems, REPAIR);
    report(tr.origin, problems, []);
  });
}

/** The same for a family's plan or its private part: small, so checked whole. */
export function attachPlanAuthority(shared: SharedDoc, kind: PlanKind, report: RepairReport): void {
  shared.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!(tr.origin instanceof Connection)) return;
    const problems = validatePlanDoc(shared.doc, kind);
    if (problems.length === 0) return;
    repairPlanDoc(shared.doc, kind, problems, REPAIR);
    report(tr.origin, problems, []);
  });
}

/** Names other than the document's root (a client may create any) are cleared after each client edit. */
function watchTopLevel(doc: Y.Doc, kind: 'meeting', report: RepairReport): void {
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!(tr.origin instanceof Connection)) return;
    const problems = validateDocShape(doc, kind, []);
    if (problems.length === 0) return;
    repairDoc(doc, kind, problems, REPAIR);
    report(tr.origin, problems, []);
  });
}

/**
 * The authority as a lifecycle extension: attached once the document's content is in (stored state,
 * seeded items), before anyone syncs, so every client edit is checked.
 */
export function authorityExtension(
  recordsOf: (meetingId: string) => ReadonlyMap<string, ItemInit>,
  reportFor: (doc: LifecycleDoc) => RepairReport,
): DocExtension {
  return {
    onLoad: async (doc) => () => {
      const { parsed } = doc;
      if (parsed.kind === 'meeting') attachMeetingAuthority(doc.shared, recordsOf(parsed.meetingId), reportFor(doc));
      else if (parsed.kind === 'prep') attachPrepAuthority(doc.shared, reportFor(doc));
      else attachPlanAuthority(doc.shared, parsed.kind, reportFor(doc));
    },
  };
}
