import * as Y from 'yjs';
import type { Problem, Repair } from '../meeting-doc/problems.js';
import { EntityId } from '../meeting-doc/schemas.js';
import { asMap, isPlainText, liveListItems, liveMapItems, safeCut, truncate } from '../meeting-doc/y-util.js';
import { PLAN_ROOT, PLAN_SECTIONS, PRIVATE_SECTIONS, REVIEW_DATE, STRATEGIES, type PlanKind } from './plan-doc.js';
import { PLAN_LIMITS, PlanContent, StrategyFields } from './schemas.js';

// What is wrong with a plan document and how the server puts it right (the authority calls these
// after each client edit). A plan is small, so it is checked whole. Problems use the meeting
// document's shape (problems.ts) with `itemId` null and `path` from the root map, so repairs are
// audited alike.

const STRATEGY_KEYS = new Set(['text', ...Object.keys(StrategyFields)]);

type Report = (path: string[], message: string, repair: Repair) => void;

function checkText(parent: Y.Map<unknown>, path: string[], key: string, max: number, report: Report): void {
  const value = parent.get(key);
  if (!isPlainText(value)) {
    report([...path, key], `${key} is not a text`, { kind: 'replaceText', text: typeof value === 'string' ? truncate(value, max) : '' });
  } else if (value.length > max) {
    report([...path, key], `${key} is longer than ${max} characters`, { kind: 'truncateText', maxLength: max });
  }
}

function checkStrategy(map: Y.Map<unknown>, path: string[], report: Report): void {
  for (const key of map.keys()) if (!STRATEGY_KEYS.has(key)) report([...path, key], `unknown field ${key}`, { kind: 'delete' });
  checkText(map, path, 'text', PLAN_LIMITS.strategyText, report);
  for (const [key, schema] of Object.entries(StrategyFields)) {
    if (!schema.safeParse(map.get(key)).success) {
      const fallback = key === 'status' ? 'PLANNED' : key === 'rank' ? 'a0' : null;
      report([...path, key], `${key} is not valid`, { kind: 'set', value: fallback });
    }
  }
}

function checkPlanRoot(root: Y.Map<unknown>, report: Report): void {
  const allowed = new Set<string>([...PLAN_SECTIONS, REVIEW_DATE, STRATEGIES]);
  for (const key of root.keys()) if (!allowed.has(key)) report([key], `unknown field ${key}`, { kind: 'delete' });
  for (const key of PLAN_SECTIONS) checkText(root, [], key, PLAN_LIMITS.section, report);
  if (!PlanContent.shape.reviewDate.safeParse(root.get(REVIEW_DATE) ?? null).success) {
    report([REVIEW_DATE], 'the review date is not a date (YYYY-MM-DD)', { kind: 'set', value: null });
  }
  const strategies = asMap(root.get(STRATEGIES));
  if (!strategies) return report([STRATEGIES], 'strategies is not a map', { kind: 'replaceMap' });
  let kept = 0;
  for (const id of [...strategies.keys()].sort()) {
    const map = asMap(strategies.get(id));
    const path = [STRATEGIES, id];
    if (!EntityId.safeParse(id).success || !map) report(path, `strategy ${JSON.stringify(id.slice(0, 80))} is not valid`, { kind: 'delete' });
    else if (++kept > PLAN_LIMITS.strategies) report(path, `more than ${PLAN_LIMITS.strategies} strategies`, { kind: 'delete' });
    else checkStrategy(map, path, report);
  }
}

/** Everything wrong with a plan document of this kind. */
export function validatePlanDoc(doc: Y.Doc, kind: PlanKind): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, repair) => problems.push({ itemId: null, path, message, repair });
  const rootName = PLAN_ROOT[kind];
  for (const [name, type] of doc.share) {
    if (name !== rootName && (!liveMapItems(type).next().done || !liveListItems(type).next().done)) {
      problems.push({ itemId: null, path: [name], message: `unknown top-level ${name}`, repair: { kind: 'clearTopLevel' } });
    } else if (name === rootName && !liveListItems(type).next().done) {
      problems.push({ itemId: null, path: [name], message: `list content in ${name}`, repair: { kind: 'clearListContent' } });
    }
  }
  const root = doc.getMap<unknown>(rootName);
  if (kind === 'plan') checkPlanRoot(root, report);
  else {
    for (const key of root.keys()) if (!(PRIVATE_SECTIONS as readonly string[]).includes(key)) report([key], `unknown field ${key}`, { kind: 'delete' });
    for (const key of PRIVATE_SECTIONS) checkText(root, [], key, PLAN_LIMITS.section, report);
  }
  return problems;
}

function applyRepair(parent: Y.Map<unknown>, key: string, repair: Repair): void {
  if (repair.kind === 'set') parent.set(key, repair.value);
  else if (repair.kind === 'replaceText') parent.set(key, new Y.Text(repair.text));
  else if (repair.kind === 'replaceMap') parent.set(key, new Y.Map<unknown>());
  else if (repair.kind === 'delete') parent.delete(key);
  else if (repair.kind === 'truncateText') {
    const text = parent.get(key);
    if (!isPlainText(text) || text.length <= repair.maxLength) return;
    const cut = safeCut(text.toString(), repair.maxLength);
    text.delete(cut, text.length - cut);
  }
}

/** Applies the repairs of `problems` (from validatePlanDoc) in one transaction tagged `origin`. */
export function repairPlanDoc(doc: Y.Doc, kind: PlanKind, problems: readonly Problem[], origin?: unknown): void {
  doc.transact((transaction) => {
    const root = doc.getMap<unknown>(PLAN_ROOT[kind]);
    for (const { path, repair } of problems) {
      if (repair === null) continue;
      if (repair.kind === 'clearTopLevel' || repair.kind === 'clearListContent') {
        const type = path[0] === undefined ? undefined : doc.share.get(path[0]);
        if (!type) continue;
        if (repair.kind === 'clearTopLevel') for (const item of liveMapItems(type)) item.delete(transaction);
        for (const item of liveListItems(type)) item.delete(transaction);
        continue;
      }
      const keys = [...path];
      const last = keys.pop();
      let parent: Y.Map<unknown> | null = root;
      for (const key of keys) parent = parent && asMap(parent.get(key));
      if (parent && last !== undefined) applyRepair(parent, last, repair);
    }
  }, origin);
}
