import type {
  ActionPriority, ActionStatus, AgendaItemStatus, AgendaReason, DisclosureKind, EpisodeSource, LegalBasis, Pathway,
  ProtectionOrder, RiskLevel,
} from '../../../shared/domain.js';

// Words people read in the room for the domain's codes. Colour never carries meaning alone: every
// badge also has its text.

export const RISK_LABELS: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

export const PATHWAY_LABELS: Record<Pathway, string> = {
  NO_FURTHER_ACTION: 'No further action',
  INFORMATION_ONLY: 'Information only',
  LEAD_AGENCY_RESPONSE: 'Lead agency response',
  REFER_ICM: 'Refer to ICM',
  CONTINUE_ICM: 'Continue ICM',
  STEP_DOWN_FROM_ICM: 'Step down from ICM',
  OT_REPORT_OF_CONCERN: 'OT report of concern',
  DEFER_FOR_INFORMATION: 'Defer for information',
  CLOSE_CASE: 'Close case',
};

export const ITEM_STATUS_LABELS: Record<AgendaItemStatus, string> = {
  PENDING: 'Pending',
  DECIDED: 'Decided',
  DEFERRED: 'Deferred',
};

export const REASON_LABELS: Record<AgendaReason, string> = {
  NEW_EPISODE: 'New episode',
  REPEAT: 'Repeat',
  CARRIED_OVER: 'Carried over',
  ICM_REVIEW: 'ICM review',
};

/** The reason worth a tag of its own: a repeat already shows as its REPEAT flag. */
export function reasonTag(reason: AgendaReason, flags: readonly string[]): string | null {
  if (reason === 'NEW_EPISODE' || (reason === 'REPEAT' && flags.includes('REPEAT'))) return null;
  return REASON_LABELS[reason];
}

const FLAG_LABELS: Record<string, string> = {
  REPEAT: 'Repeat',
  STRANGULATION: 'Strangulation',
  WEAPONS: 'Weapons',
  CHILDREN_PRESENT: 'Children present',
  PO_BREACHED: 'PO breached',
  PRISON_RELEASE: 'Prison release',
};

/** Flags are an open set: one the UI doesn't know yet reads as its words. */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag.charAt(0) + flag.slice(1).toLowerCase().replaceAll('_', ' ');
}

export const SOURCE_LABELS: Record<EpisodeSource, string> = {
  POLICE_FAMILY_HARM: 'Police family harm',
  CORRECTIONS_RELEASE: 'Corrections release',
  AGENCY_REFERRAL: 'Agency referral',
};

export const PROTECTION_ORDER_LABELS: Record<ProtectionOrder, string> = {
  NONE: 'None',
  IN_FORCE: 'In force',
  BREACHED: 'Breached',
};

export const KIND_LABELS: Record<DisclosureKind, string> = { FACT: 'Fact', OPINION: 'Opinion' };

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  FVA_S20: 'Family Violence Act s20',
  OTA_S66C: 'Oranga Tamariki Act s66C',
  PRIVACY_IPP11: 'Privacy Act IPP 11',
  CONSENT: 'Consent',
  OTHER: 'Other',
};

export const PRIORITY_LABELS: Record<ActionPriority, string> = { URGENT: 'Urgent', STANDARD: 'Standard' };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  NOT_DONE_CIRCUMSTANCES: 'Not done – circumstances',
  NOT_DONE_AGENCY: 'Not done – agency',
  CANCELLED: 'Cancelled',
};

/** Suggestions for an action's type; the field stays free text. */
export const ACTION_TYPE_SUGGESTIONS = [
  'Safety plan', 'Home visit', 'Welfare check', 'Referral', 'Information sharing', 'Safety alarm',
  'Protection order support', 'Stopping-violence programme', 'Housing assessment', 'School liaison',
  'Health follow-up', 'Report of concern',
];
