import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { z } from 'zod';
import { AgencyCode, DisclosureKind, LegalBasis } from '../domain.js';
import { sameJson } from '../canonical-json.js';
import { carriedProblems } from './carried.js';
import type { MeetingDocName } from './doc-names.js';
import {
  ACTION_DESCRIPTION,
  ACTIONS,
  CARRIED,
  DISSENT,
  ENTRY_TEXT,
  MEETING_ROOT,
  PREP_ROOT,
  RATIONALE,
  RESEARCH,
} from './keys.js';
import { getItems, lastRank, type ItemChange } from './meeting-doc.js';
import type { MeetingItem } from './meeting-item.js';
import { RESEARCH_FALLBACK, writeEntry } from './research-entry.js';
import {
  ACTION_DEFAULTS,
  ACTION_FIELD_SCHEMAS,
  ActionValues,
  EntityId,
  EpisodeSnapshot,
  Flag,
  ITEM_FIELD_SCHEMAS,
  ItemValues,
  LIMITS,
  NEW_ITEM_VALUES,
  parseField,
  type ItemField,
} from './schemas.js';
import type { Problem, Repair } from './problems.js';
import { asMap, isPlainText, liveListItems, liveMapItems, safeCut, truncate } from './y-util.js';

// The server's authority check (docs/architecture.md, Server authority): any client can send any Yjs update,
// so after each one the server validates what changed and repairs it with a server-origin edit.
// Problems are plain JSON, so the server can audit exactly what it found and did. Per client
// transaction, with the changes observeItems reports:
//   problems = validateDocShape(doc, 'meeting', changes.keys())
//     + validateItem(item, { change, expected }) for each changed item still there
//   repairDoc(doc, 'meeting', problems, serverOrigin)
// The top-level check alone, validateDocShape(doc, kind, []), is cheap enough to run after every
// client update (other top-level names change no item). Prep docs are small: validatePrepDoc.

type Report = (path: string[], message: string, repair: Repair | null) => void;

function reporter(problems: Problem[], itemId: string | null): Report {
  return (path, message, repair) => problems.push({ itemId, path, message, repair });
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (value instanceof Y.AbstractType) return `a ${value.constructor.name}`;
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function checkKeys(map: Y.Map<unknown>, allowed: ReadonlySet<string>, path: string[], report: Report): void {
  for (const key of map.keys()) {
    if (!allowed.has(key)) report([...path, key], `unknown field ${key}`, { kind: 'delete' });
  }
}

function checkText(parent: Y.Map<unknown>, path: string[], key: string, max: number, report: Report): void {
  const value = parent.get(key);
  const where = [...path, key];
  if (!isPlainText(value)) {
    report(where, `${key} is ${describe(value)}, not a text`, {
      kind: 'replaceText',
      text: typeof value === 'string' ? truncate(value, max) : '',
    });
  } else if (value.length > max) {
    report(where, `${key} is longer than ${max} characters`, { kind: 'truncateText', maxLength: max });
  }
}

/**
 * Checks a map of child maps (research by agency, actions by id): bad keys, non-map values and
 * entries over the limit (beyond the first `max` by key) are deleted. `only` limits the check to
 * those keys while the map is within its limit.
 */
function checkChildren(
  map: Y.Map<unknown>,
  path: string[],
  max: number,
  validKey: (key: string) => boolean,
  report: Report,
  check: (child: Y.Map<unknown>, path: string[], report: Report) => void,
  only?: ReadonlySet<string>,
): void {
  const keys = only && map.size <= max ? [...only].filter((key) => map.has(key)) : [...map.keys()];
  let kept = 0;
  for (const key of keys.sort()) {
    const child = asMap(map.get(key));
    const where = [...path, key];
    if (!validKey(key)) report(where, `invalid key ${JSON.stringify(key)}`, { kind: 'delete' });
    else if (!child) report(where, `${key} is ${describe(map.get(key))}, not a map`, { kind: 'delete' });
    else if (kept >= max) report(where, `more than ${max} entries`, { kind: 'delete' });
    else {
      kept++;
      check(child, where, report);
    }
  }
}

const ENTRY_KEYS = new Set(['kind', 'legalBasis', ENTRY_TEXT]);

function checkResearchEntry(entry: Y.Map<unknown>, path: string[], report: Report): void {
  checkKeys(entry, ENTRY_KEYS, path, report);
  const kind = DisclosureKind.safeParse(entry.get('kind'));
  if (!kind.success) {
    report([...path, 'kind'], `kind: ${z.prettifyError(kind.error)}`, { kind: 'set', value: RESEARCH_FALLBACK.kind });
  }
  const basis = LegalBasis.safeParse(entry.get('legalBasis'));
  if (!basis.success) {
    report([...path, 'legalBasis'], `legalBasis: ${z.prettifyError(basis.error)}`, {
      kind: 'set',
      value: RESEARCH_FALLBACK.legalBasis,
    });
  }
  checkText(entry, path, ENTRY_TEXT, LIMITS.researchText, report);
}

const ACTION_FIELDS = ActionValues.keyof().options;
const ACTION_KEYS = new Set<string>([...ACTION_FIELDS, ACTION_DESCRIPTION]);

function checkAction(action: Y.Map<unknown>, path: string[], report: Report): void {
  checkKeys(action, ACTION_KEYS, path, report);
  for (const key of ACTION_FIELDS) {
    const value = action.get(key);
    // Actions written before proposals existed have no proposedBy: they read as no proposal.
    if (key === 'proposedBy' && value === undefined) continue;
    const parsed = parseField(ACTION_FIELD_SCHEMAS, key, value);
    if (parsed.success) continue;
    // An over-long free-text field keeps its start; anything else goes back to the default.
    const max = key === 'type' ? LIMITS.actionType : key === 'assignee' ? LIMITS.assignee : null;
    const repaired = max !== null && typeof value === 'string' ? truncate(value, max) : ACTION_DEFAULTS[key];
    report([...path, key], `${key}: ${z.prettifyError(parsed.error)}`, { kind: 'set', value: repaired });
  }
  checkText(action, path, ACTION_DESCRIPTION, LIMITS.actionDescription, report);
}

/**
 * How to repair a field that failed its schema: a list keeps its valid part, a rank goes to the
 * end, the rest take their new-item default; null where the doc alone cannot tell the right value.
 */
function scalarRepair(item: MeetingItem, key: ItemField, value: unknown): Repair | null {
  const list: unknown[] = Array.isArray(value) ? value : [];
  switch (key) {
    case 'caseId':
    case 'familyRef':
    case 'reason':
    case 'lastDecidedRisk':
      return null;
    case 'episodes':
      return {
        kind: 'set',
        value: list.filter((e) => EpisodeSnapshot.safeParse(e).success).slice(0, LIMITS.episodesPerItem),
      };
    case 'flags': {
      const valid = new Set(list.filter((f) => Flag.safeParse(f).success));
      return { kind: 'set', value: [...valid].slice(0, LIMITS.flagsPerItem) };
    }
    case 'rank':
      return { kind: 'set', value: generateKeyBetween(lastRank(item.doc), null) };
    case 'status':
    case 'riskLevel':
    case 'pathway':
    case 'leadAgency':
    case 'reportOfConcern':
    case 'icmReview':
    case 'decidedHash':
    case 'decidedVersion':
      return { kind: 'set', value: NEW_ITEM_VALUES[key] };
  }
}

const ITEM_FIELDS = ItemValues.keyof().options;
const ITEM_KEYS = new Set<string>([...ITEM_FIELDS, RATIONALE, DISSENT, RESEARCH, ACTIONS, CARRIED]);

/**
 * List values (episodes, flags) already found valid. A Yjs map value is immutable — a change puts a
 * new value — and get() returns the same object each time, so one parse per value is enough.
 */
const validLists = new WeakSet<object>();
/** Doc values already found equal to the `expected` value they were compared with. */
const matchedExpected = new WeakMap<object, unknown>();

function checkScalar(item: MeetingItem, key: ItemField, expected: unknown, report: Report): void {
  const value = item.ymap.get(key);
  const cacheable = typeof value === 'object' && value !== null;
  if (expected !== undefined) {
    if (cacheable && matchedExpected.get(value) === expected) return;
    if (sameJson(value, expected)) {
      if (cacheable) matchedExpected.set(value, expected);
    } else report([key], `${key} differs from the server's record`, { kind: 'set', value: expected });
    return;
  }
  if (cacheable && validLists.has(value)) return;
  const parsed = parseField(ITEM_FIELD_SCHEMAS, key, value);
  if (!parsed.success) report([key], `${key}: ${z.prettifyError(parsed.error)}`, scalarRepair(item, key, value));
  else if (cacheable) validLists.add(value);
}

function checkCollection(
  ymap: Y.Map<unknown>,
  key: string,
  max: number,
  validKey: (key: string) => boolean,
  report: Report,
  check: (child: Y.Map<unknown>, path: string[], report: Report) => void,
  only: ReadonlySet<string> | undefined,
): void {
  if (only?.size === 0) return;
  const map = asMap(ymap.get(key));
  if (!map) report([key], `${key} is ${describe(ymap.get(key))}, not a map`, { kind: 'replaceMap' });
  else checkChildren(map, [key], max, validKey, report, check, only);
}

const isAgency = (key: string) => AgencyCode.safeParse(key).success;
const isId = (key: string) => EntityId.safeParse(key).success;

export interface ValidateItemOptions {
  /**
   * The server's own record of fields clients must not change (at least caseId, familyRef, reason
   * and episodes, from the database). Any difference, even to a valid value, is restored.
   */
  expected?: Partial<ItemValues>;
  /** What changed (from observeItems): only that is checked. Absent or null: the whole item. */
  change?: ItemChange | null;
}

/** Whether validateItem checks `key`: everything for a whole item, else what changed. */
const wanted = (change: ItemChange | null, key: string) => change === null || change.fields.has(key);

/** Everything wrong with one item of a meeting doc (or with what changed in it); [] when valid. */
export function validateItem(item: MeetingItem, options: ValidateItemOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const report = reporter(problems, item.id);
  const { ymap } = item;
  const change = options.change ?? null;

  for (const key of change?.fields ?? ymap.keys()) {
    if (!ITEM_KEYS.has(key) && ymap.has(key)) report([key], `unknown field ${key}`, { kind: 'delete' });
  }
  for (const key of ITEM_FIELDS) if (wanted(change, key)) checkScalar(item, key, options.expected?.[key], report);
  if (wanted(change, RATIONALE)) checkText(ymap, [], RATIONALE, LIMITS.rationale, report);
  if (wanted(change, DISSENT)) checkText(ymap, [], DISSENT, LIMITS.dissent, report);
  const researchOnly = wanted(change, RESEARCH) ? undefined : change?.research;
  checkCollection(ymap, RESEARCH, LIMITS.researchPerItem, isAgency, report, checkResearchEntry, researchOnly);
  const actionsOnly = wanted(change, ACTIONS) ? undefined : change?.actions;
  checkCollection(ymap, ACTIONS, LIMITS.actionsPerItem, isId, report, checkAction, actionsOnly);
  if (wanted(change, CARRIED)) carriedProblems(item, report);
  return problems;
}

function hasAny(items: Iterable<Y.Item>): boolean {
  for (const _ of items) return true;
  return false;
}

type DocKind = MeetingDocName['kind'];

function rootName(kind: DocKind): string {
  return kind === 'meeting' ? MEETING_ROOT : PREP_ROOT;
}

/** Root entries whose id was found valid (checkShape). */
const validEntries = new WeakSet<Y.Map<unknown>>();

/**
 * Problems with the doc's top level and its root map's entries (each must be a map under an id;
 * only the `only` ones, when given, while within the limit). Returns the valid entries checked.
 */
function checkShape(
  doc: Y.Doc,
  kind: DocKind,
  problems: Problem[],
  only?: Iterable<string>,
): Array<[string, Y.Map<unknown>]> {
  const root = rootName(kind);
  for (const [name, type] of doc.share) {
    if (name !== root && (hasAny(liveMapItems(type)) || hasAny(liveListItems(type)))) {
      reporter(problems, null)([name], `unknown top-level ${name}`, { kind: 'clearTopLevel' });
    } else if (name === root && hasAny(liveListItems(type))) {
      reporter(problems, null)([name], `list content in ${name}`, { kind: 'clearListContent' });
    }
  }
  const entries = doc.getMap<unknown>(root);
  const valid: Array<[string, Y.Map<unknown>]> = [];
  // A prep doc has at most one entry per item; a meeting's item count is bounded by import.
  const max = kind === 'prep' ? LIMITS.prepEntries : Infinity;
  // Y.Map#size walks every entry: only count where there is a limit.
  const withinLimit = max === Infinity || entries.size <= max;
  const keys = only && withinLimit ? [...new Set(only)].filter((k) => entries.has(k)) : [...entries.keys()];
  for (const key of keys.sort()) {
    const entry = asMap(entries.get(key));
    // A map stays under the key it was added at: one whose key passed needs no parse per edit.
    if (entry && validEntries.has(entry) && valid.length < max) {
      valid.push([key, entry]);
      continue;
    }
    const report = reporter(problems, key);
    if (!EntityId.safeParse(key).success) report([], `invalid id ${JSON.stringify(key)}`, { kind: 'delete' });
    else if (!entry) report([], `${key} is ${describe(entries.get(key))}, not a map`, { kind: 'delete' });
    else if (valid.length >= max) report([], `more than ${max} entries`, { kind: 'delete' });
    else {
      validEntries.add(entry);
      valid.push([key, entry]);
    }
  }
  return valid;
}

/**
 * Top-level problems: names other than the kind's root (`items` or `entries`) holding content,
 * list content in the root map, and root entries that are not maps under a valid id (all of them,
 * or just `itemIds`, e.g. those observeItems reported).
 */
export function validateDocShape(doc: Y.Doc, kind: DocKind = 'meeting', itemIds?: Iterable<string>): Problem[] {
  const problems: Problem[] = [];
  checkShape(doc, kind, problems, itemIds);
  return problems;
}

/** Everything wrong with an agency's prep doc: its shape and every entry. */
export function validatePrepDoc(doc: Y.Doc): Problem[] {
  const problems: Problem[] = [];
  for (const [itemId, entry] of checkShape(doc, 'prep', problems)) {
    checkResearchEntry(entry, [], reporter(problems, itemId));
  }
  return problems;
}

function applyRepair(parent: Y.Map<unknown>, key: string, repair: Repair): void {
  switch (repair.kind) {
    case 'set':
      parent.set(key, repair.value);
      return;
    case 'replaceText':
      parent.set(key, new Y.Text(repair.text));
      return;
    case 'truncateText': {
      const text = parent.get(key);
      if (!isPlainText(text) || text.length <= repair.maxLength) return;
      const cut = safeCut(text.toString(), repair.maxLength);
      text.delete(cut, text.length - cut);
      return;
    }
    case 'replaceMap':
      parent.set(key, new Y.Map<unknown>());
      return;
    case 'delete':
      parent.delete(key);
      return;
    case 'restoreResearch':
      writeEntry(parent, key, repair.entry);
      return;
    case 'clearTopLevel':
    case 'clearListContent':
      return; // top-level repairs: see repairDoc
  }
}

/** Applies repairs of item/entry problems below `root`; stale ones (their parent gone) are skipped. */
function applyBelow(root: Y.Map<unknown>, problems: readonly Problem[]): void {
  for (const { itemId, path, repair } of problems) {
    if (itemId === null || repair === null) continue;
    const keys = [itemId, ...path];
    const last = keys.pop();
    let parent: Y.Map<unknown> | null = root;
    for (const key of keys) parent = parent && asMap(parent.get(key));
    if (parent && last !== undefined) applyRepair(parent, last, repair);
  }
}

/**
 * Applies the repairs of any problems found in a doc of this kind (by validateDocShape,
 * validateItem or validatePrepDoc) in one transaction tagged `origin`.
 */
export function repairDoc(doc: Y.Doc, kind: DocKind, problems: readonly Problem[], origin?: unknown): void {
  doc.transact((transaction) => {
    for (const { itemId, path, repair } of problems) {
      const type = itemId === null && path[0] !== undefined ? doc.share.get(path[0]) : undefined;
      if (!type) continue;
      if (repair?.kind === 'clearTopLevel') for (const item of liveMapItems(type)) item.delete(transaction);
      if (repair?.kind === 'clearTopLevel' || repair?.kind === 'clearListContent') {
        for (const item of liveListItems(type)) item.delete(transaction);
      }
    }
    applyBelow(doc.getMap<unknown>(rootName(kind)), problems);
  }, origin);
}

/** Applies the repairs of `problems` that concern one item of a meeting doc, in one transaction. */
export function repairItem(doc: Y.Doc, itemId: string, problems: readonly Problem[], origin?: unknown): void {
  doc.transact(() => applyBelow(getItems(doc), problems.filter((p) => p.itemId === itemId)), origin);
}
