import { z } from 'zod';
import { PlanContent, PlanPrivateContent } from '../plan-doc/schemas.js';

// The family safety plan's versions over REST: one per decision, listed, read and compared.

export const PlanVersionSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  decisionId: z.string(),
  /** The decision's version of its item, and the meeting's date (YYYY-MM-DD). */
  decisionVersion: z.number().int(),
  meetingDate: z.iso.date(),
  createdAt: z.iso.datetime(),
});
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

export const PlanVersionDetail = PlanVersionSummary.extend({
  content: PlanContent,
  /** Null for anyone but the lead agency and the victim specialist. */
  privateContent: PlanPrivateContent.nullable(),
});
export type PlanVersionDetail = z.infer<typeof PlanVersionDetail>;

export const PlanField = z.enum(['risks', 'children', 'reviewDate', 'voice', 'safeContact', 'strategy.text', 'strategy.agency', 'strategy.due', 'strategy.status', 'strategy']);
export type PlanField = z.infer<typeof PlanField>;

/** One field that differs between two versions; a strategy added or removed is one change with a null side. */
export const PlanChange = z.object({
  field: PlanField,
  strategyId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type PlanChange = z.infer<typeof PlanChange>;

export const PlanComparison = z.object({
  from: PlanVersionSummary,
  to: PlanVersionSummary,
  changes: z.array(PlanChange),
});
export type PlanComparison = z.infer<typeof PlanComparison>;

export const CompareQuery = z.object({ from: z.uuid(), to: z.uuid() });
