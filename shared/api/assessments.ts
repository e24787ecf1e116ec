import { z } from 'zod';
import { RiskLevel } from '../domain.js';

// Structured risk assessments an agency adds to an item, beyond the police scores: a configured
// checklist (scored into a band) or professional judgement with its factors.

/** A configured checklist as the server loads it (config/risk-checklists.json); its text is configuration, not code. */
export const Checklist = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lower-case letters, digits and hyphens'),
  name: z.string().min(1).max(200),
  /** DASH when the site is licensed to configure it; OTHER for any other checklist. */
  tool: z.enum(['DASH', 'OTHER']),
  note: z.string().max(1_000).optional(),
  questions: z.array(z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    text: z.string().min(1).max(500),
    weight: z.number().int().min(0).max(100),
  })).min(1).max(100)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must not repeat'),
  /** Score thresholds, ascending from 0: the band is the last one the score reaches. */
  bands: z.array(z.strictObject({ from: z.number().int().min(0), level: RiskLevel })).min(1)
    .refine((bs) => bs[0]?.from === 0 && bs.every((b, i) => i === 0 || b.from > bs[i - 1]!.from), 'bands ascend from 0'),
});
export type Checklist = z.infer<typeof Checklist>;

export const ChecklistFile = z.strictObject({
  checklists: z.array(Checklist).max(20).refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'checklist ids must not repeat'),
});

const MAX_FACTORS = 20;
const Factor = z.string().trim().min(1, 'a factor cannot be empty').max(300, 'at most 300 characters');

export const NewAssessment = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('CHECKLIST'),
    checklistId: z.string().max(64),
    /** Every question answered, yes (true) or no (false). */
    answers: z.record(z.string().max(32), z.boolean()),
  }),
  z.strictObject({
    kind: z.literal('PROFESSIONAL_JUDGEMENT'),
    level: RiskLevel,
    factors: z.array(Factor).min(1, 'name at least one factor').max(MAX_FACTORS, `at most ${MAX_FACTORS} factors`),
  }),
], { error: 'kind must be CHECKLIST or PROFESSIONAL_JUDGEMENT' });
export type NewAssessment = z.infer<typeof NewAssessment>;

export const AssessmentRecord = z.object({
  id: z.string(),
  tool: z.enum(['DASH', 'PROFESSIONAL_JUDGEMENT', 'OTHER']),
  /** The checklist's name, or "Professional judgement". */
  name: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  score: z.number().nullable(),
  level: RiskLevel.nullable(),
  /** The questions answered yes, or the judgement's factors. */
  factors: z.array(z.string()),
  assessedAt: z.iso.datetime(),
});
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

export const ItemAssessments = z.object({
  checklists: z.array(Checklist),
  assessments: z.array(AssessmentRecord),
});
export type ItemAssessments = z.infer<typeof ItemAssessments>;
