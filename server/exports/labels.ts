import type {
  ActionPriority, ActionStatus, AgendaItemStatus, AgendaReason, EpisodeSource, MeetingKind, ParticipantMode,
  Pathway, ProtectionOrder, RiskLevel, Role,
} from '../../shared/domain.js';
import {
  ACTION_STATUS_LABELS, MODE_LABELS, PRIORITY_LABELS, PROTECTION_ORDER_LABELS, REASON_LABELS, RISK_LABELS, ROLE_LABELS, SOURCE_LABELS,
} from '../../shared/labels.js';
import type { KnownFlag } from '../../shared/meeting-doc/schemas.js';

// The words an export uses for the domain's codes. Documents are read by people, not parsers:
// every enum value is spelled out once here so all formats say the same thing. Each label is
// looked up by its typed code, never derived from a string, so free text cannot be re-cased here.

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
export const riskLabel = (r: RiskLevel) => RISK_LABELS[r];
export const actionStatusLabel = (s: ActionStatus) => ACTION_STATUS_LABELS[s];
export const priorityLabel = (p: ActionPriority) => PRIORITY_LABELS[p];
export const reasonLabel = (r: AgendaReason) => REASON_LABELS[r];
export const sourceLabel = (s: EpisodeSource) => SOURCE_LABELS[s];
export const protectionOrderLabel = (p: ProtectionOrder) => PROTECTION_ORDER_LABELS[p];
export const roleLabel = (r: Role) => ROLE_LABELS[r];
export const modeLabel = (m: ParticipantMode) => MODE_LABELS[m];

const itemStatuses: Record<AgendaItemStatus, string> = { PENDING: 'Not decided', DECIDED: 'Decided', DEFERRED: 'Deferred' };
export const itemStatusLabel = (s: AgendaItemStatus) => itemStatuses[s];

const kinds: Record<MeetingKind, string> = { DAILY_SAM: 'Daily Safety Assessment Meeting', ICM_REVIEW: 'ICM review meeting' };
export const meetingKindLabel = (k: MeetingKind) => kinds[k];

const flags: Record<KnownFlag, string> = {
  REPEAT: 'Repeat',
  STRANGULATION: 'Non-fatal strangulation',
  WEAPONS: 'Weapons',
  CHILDREN_PRESENT: 'Children present',
  PO_BREACHED: 'Protection order breached',
  PRISON_RELEASE: 'Prison release',
};
// The records raise only these flags (records/agenda-snapshot.ts), so every one has its wording.
export const flagLabel = (f: KnownFlag) => flags[f];
