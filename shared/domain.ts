import { z } from 'zod';

// The domain's vocabularies (docs/architecture.md, Domain), shared by client and server. server/db/enums-match.test.ts
// keeps them equal to the Prisma enums, so the database and the wire never disagree.

export const AgencyKind = z.enum([
  'POLICE', 'ORANGA_TAMARIKI', 'CORRECTIONS', 'HEALTH', 'ACC', 'MSD', 'EDUCATION', 'JUSTICE',
  'HOUSING', 'IWI', 'KAUPAPA_MAORI', 'FV_NGO', 'VICTIM_SPECIALIST', 'PERPETRATOR_SERVICE', 'OTHER',
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const Role = z.enum(['CHAIR', 'COORDINATOR', 'REP', 'OBSERVER', 'AUDITOR', 'SITE_ADMIN']);
export type Role = z.infer<typeof Role>;

export const ParticipantMode = z.enum(['IN_ROOM', 'REMOTE']);
export type ParticipantMode = z.infer<typeof ParticipantMode>;

export const RiskLevel = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const CaseStatus = z.enum(['OPEN', 'ICM', 'MONITORING', 'CLOSED']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CorrectionStatus = z.enum(['REQUESTED', 'CORRECTED', 'DECLINED']);
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;

export const CaseMemberRole = z.enum(['PERSON_AT_RISK', 'PERSON_USING_VIOLENCE', 'CHILD', 'OTHER_WHANAU']);
export type CaseMemberRole = z.infer<typeof CaseMemberRole>;

export const EpisodeSource = z.enum(['POLICE_FAMILY_HARM', 'CORRECTIONS_RELEASE', 'AGENCY_REFERRAL']);
export type EpisodeSource = z.infer<typeof EpisodeSource>;

export const ProtectionOrder = z.enum(['NONE', 'IN_FORCE', 'BREACHED']);
export type ProtectionOrder = z.infer<typeof ProtectionOrder>;

export const RiskTool = z.enum(['SAFVR', 'DYRA', 'DASH', 'PROFESSIONAL_JUDGEMENT', 'OTHER']);
export type RiskTool = z.infer<typeof RiskTool>;

export const MeetingKind = z.enum(['DAILY_SAM', 'ICM_REVIEW']);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MeetingStatus = z.enum(['PREP', 'LIVE', 'CLOSED']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const AgendaReason = z.enum(['NEW_EPISODE', 'REPEAT', 'CARRIED_OVER', 'ICM_REVIEW']);
export type AgendaReason = z.infer<typeof AgendaReason>;

export const AgendaItemStatus = z.enum(['PENDING', 'DECIDED', 'DEFERRED']);
export type AgendaItemStatus = z.infer<typeof AgendaItemStatus>;

export const Pathway = z.enum([
  'NO_FURTHER_ACTION', 'INFORMATION_ONLY', 'LEAD_AGENCY_RESPONSE', 'REFER_ICM', 'CONTINUE_ICM',
  'STEP_DOWN_FROM_ICM', 'OT_REPORT_OF_CONCERN', 'DEFER_FOR_INFORMATION', 'CLOSE_CASE',
]);
export type Pathway = z.infer<typeof Pathway>;

export const ActionPriority = z.enum(['URGENT', 'STANDARD']);
export type ActionPriority = z.infer<typeof ActionPriority>;

export const ActionStatus = z.enum([
  'OPEN', 'IN_PROGRESS', 'DONE', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY', 'CANCELLED',
]);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** An action not yet done: the agency still owes it, so its family comes back to the next meeting. */
export const UNFINISHED_ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'NOT_DONE_CIRCUMSTANCES', 'NOT_DONE_AGENCY'] as const satisfies readonly ActionStatus[];

export const DisclosureKind = z.enum(['FACT', 'OPINION']);
export type DisclosureKind = z.infer<typeof DisclosureKind>;

export const LegalBasis = z.enum(['FVA_S20', 'OTA_S66C', 'PRIVACY_IPP11', 'CONSENT', 'OTHER']);
export type LegalBasis = z.infer<typeof LegalBasis>;

/** Agency codes are short upper-case identifiers (POLICE, OT, CORRECTIONS…), used in doc names. */
export const AgencyCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'an agency code such as POLICE or OT');
export type AgencyCode = z.infer<typeof AgencyCode>;

/** A calendar date (YYYY-MM-DD), always meant in Pacific/Auckland. */
export const IsoDate = z.iso.date();

export const NZ_TIME_ZONE = 'Pacific/Auckland';
