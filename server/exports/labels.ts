import type {
  ActionPriority, ActionStatus, AgendaItemStatus, AgendaReason, EpisodeSource, MeetingKind, ParticipantMode,
  Pathway, ProtectionOrder, RiskLevel, Role,
} from '../../shared/domain.js';

// The words an export uses for the domain's codes. Documents are read by people, not parsers:
// every enum value is spelled out once here so all formats say the same thing.

const pathways: Record<Pathway, string> = {
  NO_FURTHER_ACTION: 'No further action',
  INFORMATION_ONLY: 'Information only',
  LEAD_AGENCY_RESPONSE: 'Lead agency response',
  REFER_ICM: 'Refer to Intensive Case Management',
  CONTINUE_ICM: 'Continue Intensive Case Management',
  STEP_DOWN_FROM_ICM: 'Step down from Intensive Case Management',
  OT_REPORT_OF_CONCERN: 'Oranga Tamariki report of concern',
  DEFER_FOR_INFORMATION: 'Deferred for further information',
  CLOSE_CASE: 'Close case',
};
export const pathwayLabel = (p: Pathway) => pathways[p];

const risks: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };
export const riskLabel = (r: RiskLevel) => risks[r];

const actionStatuses: Record<ActionStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  NOT_DONE_CIRCUMSTANCES: 'Not done – circumstances',
  NOT_DONE_AGENCY: 'Not done – agency',
  CANCELLED: 'Cancelled',
};
export const actionStatusLabel = (s: ActionStatus) => actionStatuses[s];

const priorities: Record<ActionPriority, string> = { URGENT: 'Urgent', STANDARD: 'Standard' };
export const priorityLabel = (p: ActionPriority) => priorities[p];

const itemStatuses: Record<AgendaItemStatus, string> = { PENDING: 'Not decided', DECIDED: 'Decided', DEFERRED: 'Deferred' };
export const itemStatusLabel = (s: AgendaItemStatus) => itemStatuses[s];

const reasons: Record<AgendaReason, string> = {
  NEW_EPISODE: 'New episode',
  REPEAT: 'Repeat',
  CARRIED_OVER: 'Carried over',
  ICM_REVIEW: 'ICM review',
};
export const reasonLabel = (r: AgendaReason) => reasons[r];

const sources: Record<EpisodeSource, string> = {
  POLICE_FAMILY_HARM: 'Police family harm',
  CORRECTIONS_RELEASE: 'Corrections release',
  AGENCY_REFERRAL: 'Agency referral',
};
export const sourceLabel = (s: EpisodeSource) => sources[s];

const orders: Record<ProtectionOrder, string> = { NONE: 'None', IN_FORCE: 'In force', BREACHED: 'Breached' };
export const protectionOrderLabel = (p: ProtectionOrder) => orders[p];

const roles: Record<Role, string> = {
  CHAIR: 'Chair',
  COORDINATOR: 'Coordinator',
  REP: 'Agency representative',
  OBSERVER: 'Observer',
  AUDITOR: 'Auditor',
};
export const roleLabel = (r: Role) => roles[r];

const modes: Record<ParticipantMode, string> = { IN_ROOM: 'In room', REMOTE: 'Remote' };
export const modeLabel = (m: ParticipantMode) => modes[m];

const kinds: Record<MeetingKind, string> = { DAILY_SAM: 'Daily Safety Assessment Meeting', ICM_REVIEW: 'ICM review meeting' };
export const meetingKindLabel = (k: MeetingKind) => kinds[k];

const flags: Record<string, string> = {
  REPEAT: 'Repeat',
  STRANGULATION: 'Non-fatal strangulation',
  WEAPONS: 'Weapons',
  CHILDREN_PRESENT: 'Children present',
  PO_BREACHED: 'Protection order breached',
  PRISON_RELEASE: 'Prison release',
};

/** An upper-snake code as words: "SCHOOL_WELLBEING_CHECK" → "School wellbeing check". */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Flags are an open set: known ones get their wording, new importer flags are still readable. */
export const flagLabel = (f: string) => flags[f] ?? humanise(f);
