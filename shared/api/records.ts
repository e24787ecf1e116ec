import { z } from 'zod';
import {
  ActionPriority, ActionStatus, AgendaItemStatus, AgendaReason, CaseMemberRole, CaseStatus, DisclosureKind, EpisodeSource, LegalBasis, Pathway,
  ProtectionOrder, RiskLevel,
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
  /** The case is closed and on no open meeting's agenda: its safety plan is kept as it was, read-only. */
  planKept: z.boolean(),
};

const MeetingEntry = {
  meetingId: z.string(), date: z.iso.date(), itemId: z.string(), status: AgendaItemStatus,
};

/** Each change to an action's status, from the audit trail: between meetings or in one. */
export const ActionChange = z.object({
  at: z.iso.datetime(),
  by: z.string(),
  from: ActionStatus.nullable(),
  to: ActionStatus,
  /** The meeting it was marked in; null for an update between meetings. */
  meetingId: z.string().nullable(),
});
export type ActionChange = z.infer<typeof ActionChange>;

export const CaseRecordAction = CaseAction.extend({ createdAt: z.iso.datetime(), history: z.array(ActionChange) });
export type CaseRecordAction = z.infer<typeof CaseRecordAction>;

/** What an agency shared into a meeting about the family, or withheld and why (the disclosures register). */
export const DisclosureEntry = z.object({
  id: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(['SHARED', 'WITHHELD']),
  kind: DisclosureKind.nullable(),
  legalBasis: LegalBasis.nullable(),
  content: z.string().nullable(),
  withheldReason: z.string().nullable(),
  disclosedAt: z.iso.datetime(),
  meetingId: z.string(),
  meetingDate: z.iso.date(),
});
export type DisclosureEntry = z.infer<typeof DisclosureEntry>;

/** The whole record: for a family the requester's agency works with, and for chair, coordinator and auditors. */
export const CaseRecord = z.object({
  detail: z.literal('full'),
  ...Family,
  flags: z.array(z.string()),
  people: z.array(z.object({
    id: z.string(), name: z.string(), dob: z.iso.date().nullable(), role: CaseMemberRole,
    iwiAffiliations: z.array(z.string()),
    preferredKaupapaProvider: z.string().nullable(),
    /** The name is withheld from everyone but chairs and coordinators. */
    nameHidden: z.boolean(),
    /** Why, for chairs and coordinators only; null for everyone else. */
    nameHiddenReason: z.string().nullable(),
  })),
  episodes: z.array(z.object({
    id: z.string(), policeRef: z.string(), occurredAt: z.iso.datetime(), area: z.string(), source: EpisodeSource,
    summary: z.string(), protectionOrder: ProtectionOrder, strangulation: z.boolean(), weapons: z.boolean(), childrenPresent: z.number().int(),
  })),
  meetings: z.array(z.object({
    ...MeetingEntry,
    reason: AgendaReason,
    decisions: z.array(DecisionOutcome.extend({ rationale: z.string(), dissent: z.string() })),
  })),
  actions: z.array(CaseRecordAction),
  disclosures: z.array(DisclosureEntry),
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
