import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import type { AgencyCode } from '../domain.js';
import { MeetingDocError } from '../meeting-doc/errors.js';
import { newId } from '../meeting-doc/ids.js';
import { EntityId } from '../meeting-doc/schemas.js';
import { asMap, isPlainText, textOf } from '../meeting-doc/y-util.js';
import { PLAN_LIMITS, type PlanContent, type PlanPrivateContent, type StrategyStatus } from './schemas.js';

// Typed access to a family's safety plan (`plan:<caseId>`) and its private part
// (`plan-private:<caseId>`), in the browser and on the server alike. Each is one top-level map;
// sections are Y.Text so people typing in one merge by character; strategies are a Y.Map by id,
// ordered by a fractional-index `rank` like meeting items, so a move never loses a concurrent edit.

export type PlanKind = 'plan' | 'plan-private';

export const PLAN_ROOT: Record<PlanKind, string> = { plan: 'plan', 'plan-private': 'private' };
export const PLAN_SECTIONS = ['risks', 'children'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
export const PRIVATE_SECTIONS = ['voice', 'safeContact'] as const;
export type PrivateSection = (typeof PRIVATE_SECTIONS)[number];
export const REVIEW_DATE = 'reviewDate';
export const STRATEGIES = 'strategies';

export interface StrategyInit {
  text: string;
  agency: AgencyCode | null;
  due: string | null;
  status: StrategyStatus;
}

export interface StrategyView {
  id: string;
  rank: string;
  text: Y.Text;
  agency: AgencyCode | null;
  due: string | null;
  status: StrategyStatus;
}

export function planRoot(doc: Y.Doc, kind: PlanKind): Y.Map<unknown> {
  return doc.getMap<unknown>(PLAN_ROOT[kind]);
}

/**
 * Puts in what a fresh plan lacks (its texts, its strategies map). The server does this once at
 * load, under a Yjs client id of its own choosing, so that clients never race to create the same
 * text (one creation would win and whatever was typed into the other would be lost).
 */
export function fillPlanDoc(doc: Y.Doc, kind: PlanKind, origin?: unknown): void {
  const root = planRoot(doc, kind);
  doc.transact(() => {
    const sections: readonly string[] = kind === 'plan' ? PLAN_SECTIONS : PRIVATE_SECTIONS;
    for (const key of sections) if (!root.has(key)) root.set(key, new Y.Text());
    if (kind === 'plan') {
      if (!root.has(STRATEGIES)) root.set(STRATEGIES, new Y.Map<unknown>());
      if (!root.has(REVIEW_DATE)) root.set(REVIEW_DATE, null);
    }
  }, origin);
}

/** A section's text, or null before the server has filled the document in. */
export function planText(doc: Y.Doc, section: PlanSection): Y.Text | null {
  const value = planRoot(doc, 'plan').get(section);
  return isPlainText(value) ? value : null;
}

export function privateText(doc: Y.Doc, section: PrivateSection): Y.Text | null {
  const value = planRoot(doc, 'plan-private').get(section);
  return isPlainText(value) ? value : null;
}

export function reviewDateOf(doc: Y.Doc): string | null {
  const value = planRoot(doc, 'plan').get(REVIEW_DATE);
  return typeof value === 'string' ? value : null;
}

export function setReviewDate(doc: Y.Doc, date: string | null, origin?: unknown): void {
  doc.transact(() => planRoot(doc, 'plan').set(REVIEW_DATE, date), origin);
}

function strategiesMap(doc: Y.Doc): Y.Map<unknown> | null {
  return asMap(planRoot(doc, 'plan').get(STRATEGIES));
}

function readStrategy(id: string, value: unknown): StrategyView | null {
  const map = asMap(value);
  const text = map?.get('text');
  if (!map || !isPlainText(text)) return null;
  const str = (key: string) => {
    const v = map.get(key);
    return typeof v === 'string' ? v : null;
  };
  return { id, rank: str('rank') ?? '', text, agency: str('agency'), due: str('due'), status: (str('status') ?? 'PLANNED') as StrategyStatus };
}

/** The strategies in their order (by rank, then id). */
export function listStrategies(doc: Y.Doc): StrategyView[] {
  const views: StrategyView[] = [];
  strategiesMap(doc)?.forEach((value, id) => {
    const view = readStrategy(id, value);
    if (view) views.push(view);
  });
  // Plain code-unit comparison: the order fractional-indexing generates keys in.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return views.sort((a, b) => cmp(a.rank, b.rank) || cmp(a.id, b.id));
}

/** Adds a strategy at the end; returns its id. */
export function addStrategy(doc: Y.Doc, init: StrategyInit, origin?: unknown): string {
  const strategies = strategiesMap(doc);
  if (!strategies) throw new MeetingDocError('The plan is not filled in yet');
  if (strategies.size >= PLAN_LIMITS.strategies) throw new MeetingDocError(`A plan has at most ${PLAN_LIMITS.strategies} strategies`);
  const last = listStrategies(doc).at(-1)?.rank || null;
  const id = newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    strategies.set(id, map);
    map.set('rank', generateKeyBetween(last, null));
    map.set('text', new Y.Text(init.text));
    map.set('agency', init.agency);
    map.set('due', init.due);
    map.set('status', init.status);
  }, origin);
  return id;
}

export function setStrategy(doc: Y.Doc, id: string, fields: Partial<Omit<StrategyInit, 'text'>>, origin?: unknown): void {
  if (!EntityId.safeParse(id).success) throw new MeetingDocError(`Invalid strategy id: ${JSON.stringify(id)}`);
  const map = asMap(strategiesMap(doc)?.get(id));
  if (!map) throw new MeetingDocError(`No strategy ${id}`);
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  }, origin);
}

export function removeStrategy(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => strategiesMap(doc)?.delete(id), origin);
}

/** The plan as plain values (what a version keeps). */
export function planSnapshot(doc: Y.Doc): PlanContent {
  const root = planRoot(doc, 'plan');
  return {
    risks: textOf(root.get('risks')),
    strategies: listStrategies(doc).map(({ id, text, agency, due, status }) => ({ id, text: text.toString(), agency, due, status })),
    children: textOf(root.get('children')),
    reviewDate: reviewDateOf(doc),
  };
}

export function planPrivateSnapshot(doc: Y.Doc): PlanPrivateContent {
  const root = planRoot(doc, 'plan-private');
  return { voice: textOf(root.get('voice')), safeContact: textOf(root.get('safeContact')) };
}
