import { z } from 'zod';
import { AgencyCode, IsoDate } from '../domain.js';
import { EntityId, Rank } from '../meeting-doc/schemas.js';

// The family safety plan's values, as plain JSON: what a version stores, the REST API answers and
// the exports lay out. The live documents hold the same fields as Yjs types (plan-doc.ts).

export const PLAN_LIMITS = {
  /** Each free-text section, in UTF-16 code units. */
  section: 20_000,
  strategyText: 5_000,
  strategies: 100,
} as const;

export const StrategyStatus = z.enum(['PLANNED', 'IN_PROGRESS', 'DONE', 'STOPPED']);
export type StrategyStatus = z.infer<typeof StrategyStatus>;

/** A strategy's scalar fields, each checked on its own so one bad value is repaired alone. */
export const StrategyFields = {
  rank: Rank,
  agency: AgencyCode.nullable(),
  due: IsoDate.nullable(),
  status: StrategyStatus,
} as const;

export const PlanStrategy = z.object({
  id: EntityId,
  text: z.string().max(PLAN_LIMITS.strategyText),
  agency: StrategyFields.agency,
  due: StrategyFields.due,
  status: StrategyFields.status,
});
export type PlanStrategy = z.infer<typeof PlanStrategy>;

export const PlanContent = z.object({
  risks: z.string().max(PLAN_LIMITS.section),
  strategies: z.array(PlanStrategy).max(PLAN_LIMITS.strategies),
  children: z.string().max(PLAN_LIMITS.section),
  reviewDate: IsoDate.nullable(),
});
export type PlanContent = z.infer<typeof PlanContent>;

/** The part only the lead agency and the victim specialist read. */
export const PlanPrivateContent = z.object({
  voice: z.string().max(PLAN_LIMITS.section),
  safeContact: z.string().max(PLAN_LIMITS.section),
});
export type PlanPrivateContent = z.infer<typeof PlanPrivateContent>;

export const STRATEGY_STATUS_LABELS: Record<StrategyStatus, string> = { PLANNED: 'Planned', IN_PROGRESS: 'In progress', DONE: 'Done', STOPPED: 'Stopped' };
