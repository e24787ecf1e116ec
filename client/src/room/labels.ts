import type { AgendaItemStatus, AgendaReason, Pathway } from '../../../shared/domain.js';

export {
  ACTION_STATUS_LABELS, DISCLOSURE_KIND_LABELS as KIND_LABELS, LEGAL_BASIS_LABELS, MEMBER_ROLE_LABELS, PRIORITY_LABELS, PROTECTION_ORDER_LABELS, REASON_LABELS,
  RISK_LABELS, SOURCE_LABELS,
} from '../../../shared/labels.js';
import { REASON_LABELS } from '../../../shared/labels.js';

// Words people read in the room for the domain's codes. Colour never carries meaning alone: every
// badge also has its text.

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

/** Suggestions for an action's type; the field stays free text. */
export const ACTION_TYPE_SUGGESTIONS = [
  'Safety plan', 'Home visit', 'Welfare check', 'Referral', 'Information sharing', 'Safety alarm',
  'Protection order support', 'Stopping-violence programme', 'Housing assessment', 'School liaison',
  'Health follow-up', 'Report of concern',
];
