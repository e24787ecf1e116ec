import type * as Y from 'yjs';
import { DisclosureKind, LegalBasis } from '../domain.js';
import { sameJson } from '../canonical-json.js';
import { keysBefore, textBefore, valueBefore } from './before-transaction.js';
import { carriedAuthorshipProblems } from './carried.js';
import { ACTIONS, CARRIED, ENTRY_TEXT, RESEARCH } from './keys.js';
import { getItems, type ItemChange } from './meeting-doc.js';
import { RESEARCH_FALLBACK } from './research-entry.js';
import {
  ACTION_DEFAULTS, ACTION_FIELD_SCHEMAS, DECISION_STATE_FIELDS, ITEM_FIELD_SCHEMAS, NEW_ITEM_VALUES, parseField, type ActionValues, type ResearchValues,
} from './schemas.js';
import { mayConfirmAction, mayWriteResearch, proposerFor, type Author } from './author.js';
import type { Problem, Repair } from './problems.js';
import { asMap, isPlainText } from './y-util.js';

// Who may write what in a meeting doc, whatever a client sends. The rules:
// - `research.<agency>` is that agency's: only its participants write it.
// - An action's status is its agency's or the chair's to set. Anyone may add an action for
//   another agency, or move one to another agency: it is then a proposal (`proposedBy` names the
//   proposing agency, status OPEN) until that agency or the chair confirms it by clearing
//   `proposedBy`. The chair's finalize confirms the item's remaining proposals.
// - The decision state (status, decidedHash, decidedVersion) is the server's alone.
// The server checks each client transaction against the state just before it (before-transaction.ts)
// and puts back what the writer was not entitled to change.

/** Reads of the doc as it is now, or as it was before the transaction being checked. */
interface View {
  get(map: Y.Map<unknown>, key: string): unknown;
  keys(map: Y.Map<unknown>): string[];
  text(text: Y.Text): string;
}

const NOW: View = {
  get: (map, key) => map.get(key),
  keys: (map) => [...map.keys()],
  text: (text) => text.toString(),
};

function before(tr: Y.Transaction): View {
  return {
    get: (map, key) => valueBefore(map, key, tr),
    keys: (map) => keysBefore(map, tr),
    text: (text) => textBefore(text, tr),
  };
}

type ResearchContent = ResearchValues & { text: string };

function child(view: View, parent: Y.Map<unknown> | null, key: string): Y.Map<unknown> | null {
  return parent && asMap(view.get(parent, key));
}

/** An agency's research entry as content (a corrupt kind or basis reads as the weaker claim, as readEntry does). */
function researchOf(view: View, item: Y.Map<unknown> | null, agency: string): ResearchContent | null {
  const entry = child(view, child(view, item, RESEARCH), agency);
  const text = entry && view.get(entry, ENTRY_TEXT);
  if (!entry || !isPlainText(text)) return null;
  const kind = DisclosureKind.safeParse(view.get(entry, 'kind'));
  const legalBasis = LegalBasis.safeParse(view.get(entry, 'legalBasis'));
  return {
    kind: kind.success ? kind.data : RESEARCH_FALLBACK.kind,
    legalBasis: legalBasis.success ? legalBasis.data : RESEARCH_FALLBACK.legalBasis,
    text: view.text(text),
  };
}

type ActionClaim = Pick<ActionValues, 'status'> & { agency: unknown; proposedBy: unknown };

function actionOf(view: View, item: Y.Map<unknown> | null, id: string): ActionClaim | null {
  const action = child(view, child(view, item, ACTIONS), id);
  if (!action) return null;
  const status = parseField(ACTION_FIELD_SCHEMAS, 'status', view.get(action, 'status'));
  return {
    agency: view.get(action, 'agency') ?? null,
    status: status.success ? status.data : ACTION_DEFAULTS.status,
    // Actions written before proposals existed have no such key: not a proposal.
    proposedBy: view.get(action, 'proposedBy') ?? null,
  };
}

function keysOf(prev: View, prevMap: Y.Map<unknown> | null, nowMap: Y.Map<unknown> | null): Set<string> {
  return new Set([...(prevMap ? prev.keys(prevMap) : []), ...(nowMap ? NOW.keys(nowMap) : [])]);
}

type Report = (path: string[], message: string, repair: Repair) => void;

function checkResearch(prev: View, was: Y.Map<unknown> | null, now: Y.Map<unknown> | null, agencies: Iterable<string>, author: Author, report: Report): void {
  for (const agency of agencies) {
    if (mayWriteResearch(author, agency)) continue;
    const before = researchOf(prev, was, agency);
    if (sameJson(before, researchOf(NOW, now, agency))) continue;
    report([RESEARCH, agency], `research.${agency} is written only by ${agency}'s participants, not ${author.agency}`, before ? { kind: 'restoreResearch', entry: before } : { kind: 'delete' });
  }
}

function checkAction(id: string, before: ActionClaim | null, after: ActionClaim | null, author: Author, report: Report): void {
  // Removing an action is the meeting's to do, like writing one.
  if (!after) return;
  const agency = typeof after.agency === 'string' ? after.agency : null;
  const theirs = mayConfirmAction(author, agency);
  const whose = `${agency ?? 'its agency'} or the chair`;
  let proposedBy = after.proposedBy;
  if (before === null || !sameJson(before.agency, after.agency)) proposedBy = proposerFor(author, agency);
  else if (!sameJson(before.proposedBy, after.proposedBy) && !(after.proposedBy === null && theirs)) proposedBy = before.proposedBy;
  if (!sameJson(after.proposedBy, proposedBy)) {
    report([ACTIONS, id, 'proposedBy'], `an action ${author.agency} assigns to ${agency ?? 'no agency'} is its proposal until ${whose} confirms it`, { kind: 'set', value: proposedBy });
  }
  const previous = before?.status ?? ACTION_DEFAULTS.status;
  const status = proposedBy !== null ? ACTION_DEFAULTS.status : theirs ? after.status : previous;
  if (after.status !== status) {
    const why = proposedBy !== null ? `a proposed action stays ${status} until ${whose} confirms it` : `only ${whose} sets this action's status`;
    report([ACTIONS, id, 'status'], why, { kind: 'set', value: status });
  }
}

function checkDecisionState(prev: View, was: Y.Map<unknown> | null, now: Y.Map<unknown> | null, report: Report): void {
  for (const key of DECISION_STATE_FIELDS) {
    const parsed = parseField(ITEM_FIELD_SCHEMAS, key, was ? prev.get(was, key) : undefined);
    const expected = parsed.success ? parsed.data : NEW_ITEM_VALUES[key];
    // A deleted item comes back from the records with the new-item values.
    if (!sameJson(now ? now.get(key) : NEW_ITEM_VALUES[key], expected)) {
      report([key], `${key} is set only by the server (finalize, defer, reopen)`, { kind: 'set', value: expected });
    }
  }
}

/** Keys of an item whose whole value a change replacing them puts under the rules above. */
const CLAIMED_KEYS: ReadonlySet<string> = new Set([RESEARCH, ACTIONS, CARRIED, ...DECISION_STATE_FIELDS]);

/** Whether a change inside an item reaches anything the rules above protect. */
function touchesClaims(change: ItemChange): boolean {
  if (change.research.size > 0 || change.actions.size > 0) return true;
  for (const key of change.fields) if (CLAIMED_KEYS.has(key)) return true;
  return false;
}

/**
 * What `author`'s transaction `tr` changed in item `itemId` that was not theirs to change, each
 * with the repair that puts back the value from before `tr`. Call from the transaction's observer
 * (observeItems gives `change`), before anything else edits the doc; apply the repairs after the
 * item's other repairs and its restoration (a deleted item is checked as its restored self).
 */
export function authorshipProblems(doc: Y.Doc, itemId: string, change: ItemChange | null, author: Author, tr: Y.Transaction): Problem[] {
  // Most edits are typing or a value anyone may set: nothing below reads them (checked per edit).
  if (change && !touchesClaims(change)) return [];
  const problems: Problem[] = [];
  const report: Report = (path, message, repair) => problems.push({ itemId, path, message, repair });
  const prev = before(tr);
  const items = getItems(doc);
  const now = asMap(items.get(itemId)) ?? null;
  // The same map unless the item itself was added, removed or replaced.
  const was = change === null ? asMap(prev.get(items, itemId)) : now;
  const whole = (key: string) => change === null || change.fields.has(key);
  // The entries of a collection the transaction touched; all of them where it replaced the collection.
  const touched = (key: string, entries: ReadonlySet<string> | undefined) =>
    !entries || whole(key) ? keysOf(prev, child(prev, was, key), child(NOW, now, key)) : entries;

  checkResearch(prev, was, now, touched(RESEARCH, change?.research), author, report);
  for (const id of touched(ACTIONS, change?.actions)) checkAction(id, actionOf(prev, was, id), actionOf(NOW, now, id), author, report);
  if (DECISION_STATE_FIELDS.some(whole)) checkDecisionState(prev, was, now, report);
  if (whole(CARRIED)) problems.push(...carriedAuthorshipProblems(itemId, was, now, author, tr));
  return problems;
}
