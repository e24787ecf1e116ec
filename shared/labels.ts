import type {
  ActionPriority, ActionStatus, AgendaReason, CaseMemberRole, CaseStatus, DisclosureKind, EpisodeSource, LegalBasis, ParticipantMode, ProtectionOrder,
  RiskLevel, Role,
} from './domain.js';

// The words people read for the domain's codes, the same in the room and in every export.
// (Where a screen needs a shorter form — pathways, flags — it keeps its own beside its use.)
// Only codes have labels: what people typed (an action's type, a description) is shown as typed.

export const RISK_LABELS: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  NOT_DONE_CIRCUMSTANCES: 'Not done – circumstances',
  NOT_DONE_AGENCY: 'Not done – agency',
  CANCELLED: 'Cancelled',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { OPEN: 'Open', ICM: 'ICM', MONITORING: 'Monitoring', CLOSED: 'Closed' };

export const MEMBER_ROLE_LABELS: Record<CaseMemberRole, string> = {
  PERSON_AT_RISK: 'Person at risk',
  PERSON_USING_VIOLENCE: 'Person using violence',
  CHILD: 'Child',
  OTHER_WHANAU: 'Other whānau',
};

export const PRIORITY_LABELS: Record<ActionPriority, string> = { URGENT: 'Urgent', STANDARD: 'Standard' };

export const REASON_LABELS: Record<AgendaReason, string> = {
  NEW_EPISODE: 'New episode',
  REPEAT: 'Repeat',
  CARRIED_OVER: 'Carried over',
  ICM_REVIEW: 'ICM review',
};

export const SOURCE_LABELS: Record<EpisodeSource, string> = {
  POLICE_FAMILY_HARM: 'Police family harm',
  CORRECTIONS_RELEASE: 'Corrections release',
  AGENCY_REFERRAL: 'Agency referral',
};

export const PROTECTION_ORDER_LABELS: Record<ProtectionOrder, string> = { NONE: 'None', IN_FORCE: 'In force', BREACHED: 'Breached' };

export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, string> = { FACT: 'Fact', OPINION: 'Opinion' };

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  FVA_S20: 'Family Violence Act s20',
  OTA_S66C: 'Oranga Tamariki Act s66C',
  PRIVACY_IPP11: 'Privacy Act IPP 11',
  CONSENT: 'Consent',
  OTHER: 'Other',
};

export const ROLE_LABELS: Record<Role, string> = {
  CHAIR: 'Chair',
  COORDINATOR: 'Coordinator',
  REP: 'Agency representative',
  OBSERVER: 'Observer',
  AUDITOR: 'Auditor',
  SITE_ADMIN: 'Administrator',
};

export const MODE_LABELS: Record<ParticipantMode, string> = { IN_ROOM: 'In room', REMOTE: 'Remote' };
