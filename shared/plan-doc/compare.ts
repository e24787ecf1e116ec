import type { PlanChange } from '../api/plan.js';
import type { PlanContent, PlanPrivateContent, PlanStrategy } from './schemas.js';

// Two versions of a plan, field by field: what a reader needs to see what a meeting changed.

type Versioned = { content: PlanContent; privateContent: PlanPrivateContent | null };

const STRATEGY_FIELDS = ['text', 'agency', 'due', 'status'] as const;

function strategyLine(s: PlanStrategy): string {
  return [s.text, s.agency, s.due, s.status].filter((v) => v !== null).join(' · ');
}

export function comparePlans(from: Versioned, to: Versioned): PlanChange[] {
  const changes: PlanChange[] = [];
  const field = (name: 'risks' | 'children' | 'reviewDate', a: string | null, b: string | null) => {
    if (a !== b) changes.push({ field: name, strategyId: null, from: a, to: b });
  };
  field('risks', from.content.risks, to.content.risks);
  const before = new Map(from.content.strategies.map((s) => [s.id, s]));
  const after = new Map(to.content.strategies.map((s) => [s.id, s]));
  for (const [id, a] of before) {
    const b = after.get(id);
    if (!b) changes.push({ field: 'strategy', strategyId: id, from: strategyLine(a), to: null });
    else for (const key of STRATEGY_FIELDS) if (a[key] !== b[key]) changes.push({ field: `strategy.${key}`, strategyId: id, from: a[key], to: b[key] });
  }
  for (const [id, b] of after) if (!before.has(id)) changes.push({ field: 'strategy', strategyId: id, from: null, to: strategyLine(b) });
  field('children', from.content.children, to.content.children);
  field('reviewDate', from.content.reviewDate, to.content.reviewDate);
  // The private part is compared only when the reader sees both sides of it.
  if (from.privateContent && to.privateContent) {
    for (const key of ['voice', 'safeContact'] as const) {
      if (from.privateContent[key] !== to.privateContent[key]) changes.push({ field: key, strategyId: null, from: from.privateContent[key], to: to.privateContent[key] });
    }
  }
  return changes;
}
