import { z } from 'zod';
import {
  ActionPriority, ActionStatus, AgendaItemStatus, CaseMemberRole, CaseStatus, EpisodeSource, Pathway, ProtectionOrder, RiskLevel,
} from '../domain.js';
import { LIMITS } from '../meeting-doc/schemas.js';

export const CaseAction = z.object({
  id: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  type: z.string(),
  description: z.string(),
  assignee: z.string().nullable(),
  dueDate: z.iso.date(),
  priority: ActionPriority,
  status: ActionStatus,
  outcomeNote: z.string().nullable(),
  decisionId: z.string().nullable(),
});
export type CaseAction = z.infer<typeof CaseAction>;

const DecisionOutcome = z.object({
  id: z.string(), version: z.number().int(), riskLevel: RiskLevel, pathway: Pathway,
  leadAgency: z.string().nullable(), decidedAt: z.iso.datetime(), superseded: z.boolean(),
});

const Family = {
  id: z.string(),
  reference: z.string(),
  status: CaseStatus,
  currentRisk: RiskLevel.nullable(),
  leadAgency: z.object({ code: z.string(), name: z.string() }).nullable(),
};

const MeetingEntry = {
  meetingId: z.string(), date: z.iso.date(), itemId: z.string(), status: AgendaItemStatus,
};

/** The whole record: for a family the requester's agency works with, and for chair, coordinator and auditors. */
export const CaseRecord = z.object({
  detail: z.literal('full'),
  ...Family,
  flags: z.array(z.string()),
  people: z.array(z.object({
    id: z.string(), name: z.string(), dob: z.iso.date().nullable(), role: CaseMemberRole,
  })),
  episodes: z.array(z.object({
    id: z.string(), policeRef: z.string(), occurredAt: z.iso.datetime(), area: z.string(), source: EpisodeSource,
    summary: z.string(), protectionOrder: ProtectionOrder, strangulation: z.boolean(), weapons: z.boolean(), childrenPresent: z.number().int(),
  })),
  meetings: z.array(z.object({
    ...MeetingEntry,
    reason: z.string(),
    decisions: z.array(DecisionOutcome.extend({ rationale: z.string(), dissent: z.string() })),
  })),
  actions: z.array(CaseAction),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Outside the requester's need to know: which family, and what was decided, nothing more. */
export const CaseOutcome = z.object({
  detail: z.literal('outcome'),
  ...Family,
  meetings: z.array(z.object({ ...MeetingEntry, decisions: z.array(DecisionOutcome) })),
});
export type CaseOutcome = z.infer<typeof CaseOutcome>;

/** A family's record across meetings, as `GET /api/cases/:id` answers it to this requester. */
export const CaseHistory = z.discriminatedUnion('detail', [CaseRecord, CaseOutcome]);
export type CaseHistory = z.infer<typeof CaseHistory>;

export const UpdateActionRequest = z.object({
  status: ActionStatus,
  outcomeNote: z.string().trim().max(LIMITS.outcomeNote).optional(),
});
export type UpdateActionRequest = z.infer<typeof UpdateActionRequest>;

/** An agency's act of sharing its prepared research on an item, or withholding it (docs/architecture.md). */
export const DisclosureRequest = z.discriminatedUnion('decision', [
  z.object({ itemId: z.string().min(1).max(64), decision: z.literal('SHARE') }),
  z.object({ itemId: z.string().min(1).max(64), decision: z.literal('WITHHOLD'), withheldReason: z.string().trim().min(3).max(2000) }),
]);
export type DisclosureRequest = z.infer<typeof DisclosureRequest>;

export const DisclosureRecord = z.object({ id: z.string(), status: z.enum(['SHARED', 'WITHHELD']), disclosedAt: z.iso.datetime() });
export type DisclosureRecord = z.infer<typeof DisclosureRecord>;
