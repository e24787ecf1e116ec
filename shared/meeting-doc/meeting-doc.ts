import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { AgencyCode } from '../domain.js';
import { sameJson } from '../canonical-json.js';
import { writeCarried } from './carried.js';
import { invalid, MeetingDocError } from './errors.js';
import { newId } from './ids.js';
import { ACTION_DESCRIPTION, ACTIONS, DISSENT, MEETING_ROOT, RATIONALE, RESEARCH } from './keys.js';
import { readEntry, writeEntry, type ResearchEntry } from './research-entry.js';
import {
  ACTION_DEFAULTS,
  ACTION_FIELD_SCHEMAS,
  ActionInit,
  ActionValues,
  DecisionState,
  EditableItemValues,
  Flags,
  ITEM_FIELD_SCHEMAS,
  ItemInit,
  LIMITS,
  NEW_ITEM_VALUES,
  parseField,
  Rank,
  type EditableItemField,
  type ItemField,
  type ItemSnapshot,
  type ItemValues,
  type ResearchInit,
} from './schemas.js';
import type { MeetingItem } from './meeting-item.js';
import { asMap, isPlainText, textOf } from './y-util.js';

// Typed access to a meeting doc (`meeting:<meetingId>`, docs/architecture.md). Reads are lenient — a field a
// client corrupted reads as its fallback until the server repairs it (validate.ts), so a bad value
// never breaks rendering — and writes are strict: a value outside its schema throws.

export interface ResearchView extends ResearchEntry {
  agency: AgencyCode;
}

export interface ActionView extends ActionValues {
  id: string;
  description: Y.Text;
}

/** What a corrupt field reads as. caseId '' fails ItemSnapshot, so finalize refuses such an item. */
const ITEM_FALLBACK: ItemValues = {
  caseId: '',
  familyRef: '',
  reason: 'NEW_EPISODE',
  episodes: [],
  lastDecidedRisk: null,
  rank: '',
  flags: [],
  ...NEW_ITEM_VALUES,
};

/** The top-level `items` map (itemId → item map), for observing; prefer observeItems. */
export function getItems(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(MEETING_ROOT);
}

export function getItem(doc: Y.Doc, id: string): MeetingItem | null {
  const ymap = asMap(getItems(doc).get(id));
  return ymap ? { id, doc, ymap } : null;
}

function requireItem(doc: Y.Doc, id: string): MeetingItem {
  const item = getItem(doc, id);
  if (!item) throw new MeetingDocError(`No item ${id} in this meeting`);
  return item;
}

function validRank(ymap: Y.Map<unknown>): string | null {
  const rank = Rank.safeParse(ymap.get('rank'));
  return rank.success ? rank.data : null;
}

interface Ranked {
  item: MeetingItem;
  rank: string;
}

function compareRanked(a: Ranked, b: Ranked): number {
  // Plain code-unit comparison: the order fractional-indexing generates keys in (not localeCompare).
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return byId(a.item, b.item);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One pass over the items: those with a valid rank in list order, and the rest. */
function scanItems(doc: Y.Doc): { ranked: Ranked[]; unranked: MeetingItem[] } {
  const ranked: Ranked[] = [];
  const unranked: MeetingItem[] = [];
  getItems(doc).forEach((value, id) => {
    const ymap = asMap(value);
    if (!ymap) return;
    const rank = validRank(ymap);
    if (rank === null) unranked.push({ id, doc, ymap });
    else ranked.push({ item: { id, doc, ymap }, rank });
  });
  return { ranked: ranked.sort(compareRanked), unranked: unranked.sort(byId) };
}

/** Every item in list order: by rank, ties by id; items whose rank is corrupt come last, by id. */
export function listItems(doc: Y.Doc): MeetingItem[] {
  const { ranked, unranked } = scanItems(doc);
  return [...ranked.map((r) => r.item), ...unranked];
}

/** The rank after which a new item goes at the end of the list. */
export function lastRank(doc: Y.Doc): string | null {
  return scanItems(doc).ranked.at(-1)?.rank ?? null;
}

/**
 * Adds items with all their nested Y types in one transaction. Items given no rank go after the
 * current last item, in the order given. Throws if any init is invalid or its id exists already.
 */
export function addItems(doc: Y.Doc, inits: readonly ItemInit[], origin?: unknown): MeetingItem[] {
  const items = getItems(doc);
  const seen = new Set<string>();
  const parsed = inits.map((init, i) => {
    const result = ItemInit.safeParse(init);
    if (!result.success) throw invalid(`item #${i + 1}`, result.error);
    const id = result.data.id;
    if (seen.has(id) || items.has(id)) throw new MeetingDocError(`Item ${id} already exists`);
    seen.add(id);
    return result.data;
  });
  // Only items without a rank go to the end; finding the end scans every item, so only then.
  const unranked = parsed.filter((init) => init.rank === undefined).length;
  const keys = unranked > 0 ? generateNKeysBetween(lastRank(doc), null, unranked) : [];
  let nextKey = 0;
  return doc.transact(
    () =>
      parsed.map((init) => {
        const ymap = new Y.Map<unknown>();
        items.set(init.id, ymap);
        ymap.set('caseId', init.caseId);
        ymap.set('familyRef', init.familyRef);
        ymap.set('reason', init.reason);
        ymap.set('episodes', init.episodes);
        ymap.set('lastDecidedRisk', init.lastDecidedRisk);
        ymap.set('rank', init.rank ?? keys[nextKey++]);
        for (const [key, value] of Object.entries(NEW_ITEM_VALUES)) ymap.set(key, value);
        ymap.set('flags', init.flags);
        ymap.set(RATIONALE, new Y.Text());
        ymap.set(DISSENT, new Y.Text());
        ymap.set(RESEARCH, new Y.Map<unknown>());
        ymap.set(ACTIONS, new Y.Map<unknown>());
        writeCarried(ymap, init.carried);
        return { id: init.id, doc, ymap };
      }),
    origin,
  );
}

/**
 * The server's re-import of an existing item: its episodes become the records' (an import added
 * one) and the records' flags are added to those the meeting set. The meeting's own fields stay.
 */
export function refreshImportedFields(item: MeetingItem, init: Pick<ItemInit, 'episodes' | 'flags'>, origin?: unknown): void {
  const episodes = ITEM_FIELD_SCHEMAS.episodes.parse(init.episodes);
  const flags = Flags.parse([...new Set([...getField(item, 'flags'), ...(init.flags ?? [])])]);
  item.doc.transact(() => {
    writeScalar(item.ymap, 'episodes', episodes);
    writeScalar(item.ymap, 'flags', flags);
  }, origin);
}

export function addItem(doc: Y.Doc, init: ItemInit, origin?: unknown): MeetingItem {
  const [item] = addItems(doc, [init], origin);
  return item!; // one init in, one item out
}

/** One scalar field; a missing or corrupt value reads as its fallback (see module note). */
export function getField<K extends ItemField>(item: MeetingItem, key: K): ItemValues[K] {
  const parsed = parseField(ITEM_FIELD_SCHEMAS, key, item.ymap.get(key));
  return parsed.success ? parsed.data : ITEM_FALLBACK[key];
}

export function readItemValues(item: MeetingItem): ItemValues {
  return {
    caseId: getField(item, 'caseId'),
    familyRef: getField(item, 'familyRef'),
    reason: getField(item, 'reason'),
    episodes: getField(item, 'episodes'),
    lastDecidedRisk: getField(item, 'lastDecidedRisk'),
    rank: getField(item, 'rank'),
    status: getField(item, 'status'),
    riskLevel: getField(item, 'riskLevel'),
    pathway: getField(item, 'pathway'),
    leadAgency: getField(item, 'leadAgency'),
    flags: getField(item, 'flags'),
    reportOfConcern: getField(item, 'reportOfConcern'),
    icmReview: getField(item, 'icmReview'),
    decidedHash: getField(item, 'decidedHash'),
    decidedVersion: getField(item, 'decidedVersion'),
  };
}

/** Writes only when the value differs, so a no-op set adds nothing to the doc's history. */
function writeScalar(ymap: Y.Map<unknown>, key: string, value: unknown): void {
  if (!sameJson(ymap.get(key), value)) ymap.set(key, value);
}

/** Sets one editable field (import fields and rank have no setter: see addItem, moveItem). */
export function setField<K extends EditableItemField>(
  item: MeetingItem,
  key: K,
  value: EditableItemValues[K],
  origin?: unknown,
): void {
  const parsed = parseField(ITEM_FIELD_SCHEMAS, key, value);
  if (!parsed.success) throw invalid(key, parsed.error);
  item.doc.transact(() => writeScalar(item.ymap, key, parsed.data), origin);
}

/** Sets several editable fields in one transaction (e.g. risk level, pathway and lead agency). */
export function setFields(item: MeetingItem, patch: Partial<EditableItemValues>, origin?: unknown): void {
  const parsed = EditableItemValues.partial().safeParse(patch);
  if (!parsed.success) throw invalid('item fields', parsed.error);
  writeScalars(item, parsed.data, origin);
}

/**
 * The server's record of where the item stands (status, decidedHash, decidedVersion at finalize,
 * defer and reopen). A client's write of these is put back by the server's authority.
 */
export function setDecisionState(item: MeetingItem, patch: Partial<DecisionState>, origin?: unknown): void {
  const parsed = DecisionState.partial().safeParse(patch);
  if (!parsed.success) throw invalid('decision state', parsed.error);
  writeScalars(item, parsed.data, origin);
}

function writeScalars(item: MeetingItem, values: Record<string, unknown>, origin: unknown): void {
  item.doc.transact(() => {
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined) writeScalar(item.ymap, key, value);
    }
  }, origin);
}

function requireText(parent: Y.Map<unknown>, key: string, what: string): Y.Text {
  const text = parent.get(key);
  if (!isPlainText(text)) throw new MeetingDocError(`${what} has no ${key} text (corrupt until the server repairs it)`);
  return text;
}

function requireMap(item: MeetingItem, key: string): Y.Map<unknown> {
  const map = asMap(item.ymap.get(key));
  if (!map) throw new MeetingDocError(`Item ${item.id} has no ${key} map (corrupt until the server repairs it)`);
  return map;
}

/** The rationale, for binding to an editor. Throws while a client's corruption awaits repair. */
export function rationaleText(item: MeetingItem): Y.Text {
  return requireText(item.ymap, RATIONALE, `Item ${item.id}`);
}

export function dissentText(item: MeetingItem): Y.Text {
  return requireText(item.ymap, DISSENT, `Item ${item.id}`);
}

function parseAgency(agency: string): AgencyCode {
  const parsed = AgencyCode.safeParse(agency);
  if (!parsed.success) throw invalid('agency code', parsed.error);
  return parsed.data;
}

/** One agency's research on the item, or null if it has shared none. */
export function getResearch(item: MeetingItem, agency: AgencyCode): ResearchView | null {
  const entry = readEntry(asMap(item.ymap.get(RESEARCH))?.get(agency));
  return entry && { agency, ...entry };
}

/** All research on the item, by agency code. */
export function listResearch(item: MeetingItem): ResearchView[] {
  const views: ResearchView[] = [];
  asMap(item.ymap.get(RESEARCH))?.forEach((value, agency) => {
    const entry = readEntry(value);
    if (entry && AgencyCode.safeParse(agency).success) views.push({ agency, ...entry });
  });
  return views.sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

/** Creates or updates an agency's research entry; `text`, when given, replaces its text. */
export function setResearch(item: MeetingItem, agency: AgencyCode, init: ResearchInit, origin?: unknown): void {
  const code = parseAgency(agency);
  const research = requireMap(item, RESEARCH);
  if (!research.has(code) && research.size >= LIMITS.researchPerItem) {
    throw new MeetingDocError(`Item ${item.id} already has ${LIMITS.researchPerItem} research entries`);
  }
  item.doc.transact(() => writeEntry(research, code, init), origin);
}

export function removeResearch(item: MeetingItem, agency: AgencyCode, origin?: unknown): void {
  const research = requireMap(item, RESEARCH);
  item.doc.transact(() => research.delete(agency), origin);
}

function readAction(id: string, value: unknown): ActionView | null {
  const ymap = asMap(value);
  const description = ymap?.get(ACTION_DESCRIPTION);
  if (!ymap || !isPlainText(description)) return null;
  const field = <K extends keyof ActionValues>(key: K): ActionValues[K] => {
    const parsed = parseField(ACTION_FIELD_SCHEMAS, key, ymap.get(key));
    return parsed.success ? parsed.data : ACTION_DEFAULTS[key];
  };
  return {
    id,
    type: field('type'),
    agency: field('agency'),
    assignee: field('assignee'),
    due: field('due'),
    priority: field('priority'),
    status: field('status'),
    proposedBy: field('proposedBy'),
    description,
  };
}

/** Adds an action and returns its id (time-ordered, so listActions shows actions as added). */
export function addAction(item: MeetingItem, init: ActionInit, origin?: unknown): string {
  const parsed = ActionInit.safeParse(init);
  if (!parsed.success) throw invalid('action', parsed.error);
  const actions = requireMap(item, ACTIONS);
  if (actions.size >= LIMITS.actionsPerItem) {
    throw new MeetingDocError(`Item ${item.id} already has ${LIMITS.actionsPerItem} actions`);
  }
  const { description, ...values } = parsed.data;
  const id = newId();
  item.doc.transact(() => {
    const ymap = new Y.Map<unknown>();
    actions.set(id, ymap);
    for (const [key, value] of Object.entries(values)) ymap.set(key, value);
    ymap.set(ACTION_DESCRIPTION, new Y.Text(description));
  }, origin);
  return id;
}

export function getAction(item: MeetingItem, actionId: string): ActionView | null {
  return readAction(actionId, asMap(item.ymap.get(ACTIONS))?.get(actionId));
}

/** The item's actions in the order they were added. */
export function listActions(item: MeetingItem): ActionView[] {
  const views: ActionView[] = [];
  asMap(item.ymap.get(ACTIONS))?.forEach((value, id) => {
    const view = readAction(id, value);
    if (view) views.push(view);
  });
  return views.sort(byId);
}

function requireAction(item: MeetingItem, actionId: string): Y.Map<unknown> {
  const ymap = asMap(requireMap(item, ACTIONS).get(actionId));
  if (!ymap) throw new MeetingDocError(`Item ${item.id} has no action ${actionId}`);
  return ymap;
}

export function updateAction(
  item: MeetingItem,
  actionId: string,
  patch: Partial<ActionValues>,
  origin?: unknown,
): void {
  const parsed = ActionValues.partial().safeParse(patch);
  if (!parsed.success) throw invalid('action fields', parsed.error);
  const ymap = requireAction(item, actionId);
  item.doc.transact(() => {
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value !== undefined) writeScalar(ymap, key, value);
    }
  }, origin);
}

/** Removes an action; false if there was none with that id. */
export function removeAction(item: MeetingItem, actionId: string, origin?: unknown): boolean {
  const actions = requireMap(item, ACTIONS);
  if (!actions.has(actionId)) return false;
  item.doc.transact(() => actions.delete(actionId), origin);
  return true;
}

export function actionDescriptionText(item: MeetingItem, actionId: string): Y.Text {
  return requireText(requireAction(item, actionId), ACTION_DESCRIPTION, `Action ${actionId}`);
}

/**
 * Where `id` goes among the other ranked items: right after `prevId` if that is still in the list,
 * else right before `nextId`; both null means the end.
 */
function targetIndex(others: readonly Ranked[], id: string, prevId: string | null, nextId: string | null): number {
  const prev = prevId === null ? -1 : others.findIndex((r) => r.item.id === prevId);
  if (prev >= 0) return prev + 1;
  const next = nextId === null ? -1 : others.findIndex((r) => r.item.id === nextId);
  if (next >= 0) return next;
  if (prevId === null && nextId === null) return others.length;
  throw new MeetingDocError(`Cannot place item ${id}: neither ${prevId} nor ${nextId} is in the list`);
}

/**
 * Moves an item between two neighbours: after `prevId` (null: the start) and before `nextId` (null:
 * the end). Only the item's `rank` changes, so concurrent edits to the item survive the move.
 * Equal neighbour ranks (two clients inserted at the same spot at once) get the tied run re-ranked
 * in its current order; a key grown past the length bound gets the whole list renumbered.
 */
export function moveItem(
  doc: Y.Doc,
  id: string,
  prevId: string | null,
  nextId: string | null,
  origin?: unknown,
): void {
  const moving = requireItem(doc, id);
  const others = scanItems(doc).ranked.filter((r) => r.item.id !== id);
  const pos = targetIndex(others, id, prevId, nextId);
  const lo = others[pos - 1]?.rank ?? null;
  const hi = others[pos]?.rank ?? null;
  const current = validRank(moving.ymap);
  if (current !== null && (lo === null || lo < current) && (hi === null || current < hi)) return;

  let start = pos;
  let end = pos;
  if (lo !== null && lo === hi) {
    while (others[start - 1]?.rank === lo) start--;
    while (others[end]?.rank === lo) end++;
  }
  const movingRanked = { item: moving, rank: '' };
  let order: Ranked[] = [...others.slice(start, pos), movingRanked, ...others.slice(pos, end)];
  let keys = generateNKeysBetween(others[start - 1]?.rank ?? null, others[end]?.rank ?? null, order.length);
  if (keys.some((key) => key.length > LIMITS.rankLength)) {
    order = [...others.slice(0, pos), movingRanked, ...others.slice(pos)];
    keys = generateNKeysBetween(null, null, order.length);
  }
  doc.transact(() => {
    order.forEach((r, i) => {
      const key = keys[i];
      if (key !== undefined && key !== r.rank) r.item.ymap.set('rank', key);
    });
  }, origin);
}

/** The item as plain JSON (lenient like the getters: validate first where it must be complete). */
export function itemSnapshot(item: MeetingItem): ItemSnapshot {
  return {
    id: item.id,
    ...readItemValues(item),
    rationale: textOf(item.ymap.get(RATIONALE)),
    dissent: textOf(item.ymap.get(DISSENT)),
    research: listResearch(item).map(({ agency, kind, legalBasis, text }) => ({
      agency,
      kind,
      legalBasis,
      text: text.toString(),
    })),
    actions: listActions(item).map(({ description, ...values }) => ({
      ...values,
      description: description.toString(),
    })),
  };
}

/** Every item as plain JSON, in list order. */
export function meetingSnapshot(doc: Y.Doc): ItemSnapshot[] {
  return listItems(doc).map(itemSnapshot);
}

/**
 * What one transaction changed inside an item: top-level keys set, deleted or edited (a text's key
 * when it was typed in), and the research entries and actions added, removed or edited. Lets the
 * server validate only what changed after each keystroke.
 */
export interface ItemChange {
  fields: Set<string>;
  research: Set<string>;
  actions: Set<string>;
}

/** Per changed item id: what changed inside it, or null when the item itself was added, removed or replaced. */
export type ItemChanges = ReadonlyMap<string, ItemChange | null>;

/**
 * The keys a map event touched. `keysChanged` is what Yjs recorded; `event.keys` would also work
 * out each key's old value and action, which the server would pay for on every edit.
 */
function changedKeys(event: Y.YEvent<Y.AbstractType<unknown>>): Iterable<string> {
  return event instanceof Y.YMapEvent ? event.keysChanged : event.keys.keys();
}

/** Calls `listener` after each transaction that changed items. Returns the unsubscribe. */
export function observeItems(
  doc: Y.Doc,
  listener: (changes: ItemChanges, transaction: Y.Transaction) => void,
): () => void {
  const items = getItems(doc);
  const handler: Parameters<typeof items.observeDeep>[0] = (events, transaction) => {
    const changes = new Map<string, ItemChange | null>();
    for (const event of events) {
      if (event.target === items) {
        for (const key of changedKeys(event)) changes.set(key, null);
        continue;
      }
      // event.path runs from `items` to the changed type: [itemId, key, entryKey, …].
      const [itemId, key, entry] = event.path.map(String);
      if (itemId === undefined) continue;
      let change = changes.get(itemId);
      if (change === null) continue;
      if (change === undefined) {
        change = { fields: new Set(), research: new Set(), actions: new Set() };
        changes.set(itemId, change);
      }
      const collection = key === RESEARCH ? change.research : key === ACTIONS ? change.actions : null;
      if (key === undefined) for (const changed of changedKeys(event)) change.fields.add(changed);
      else if (!collection) change.fields.add(key);
      else if (entry === undefined) for (const changed of changedKeys(event)) collection.add(changed);
      else collection.add(entry);
    }
    if (changes.size > 0) listener(changes, transaction);
  };
  items.observeDeep(handler);
  return () => items.unobserveDeep(handler);
}

/** Calls `listener` after each transaction that changed anything inside the item. */
export function observeItem(item: MeetingItem, listener: (transaction: Y.Transaction) => void): () => void {
  const handler: Parameters<typeof item.ymap.observeDeep>[0] = (_events, transaction) => listener(transaction);
  item.ymap.observeDeep(handler);
  return () => item.ymap.unobserveDeep(handler);
}
