import { Duration } from 'luxon';
import type { DisposalKind } from '../../../shared/api/retention.js';

export const KIND_LABELS: Record<DisposalKind, string> = {
  closedCase: 'Closed case',
  meetingDocuments: 'Meeting document',
  prepDocuments: 'Agency preparation',
  minutesVersions: 'Stored minutes',
};

const THEN_LABELS: Record<string, string> = {
  anonymise: 'anonymised', delete: 'deleted', 'transfer-then-delete': 'transferred, then deleted', keep: 'kept',
};

/** "7 years after the case closed, then anonymised" from a rule's ISO duration and action. */
export function ruleLabel(rule: { after: string; keepFor: string; then: string }): string {
  const keep = Duration.fromISO(rule.keepFor);
  const after = { caseClosed: 'the case closed', meetingClosed: 'the meeting closed', recorded: 'it was recorded' }[rule.after] ?? rule.after;
  return `${keep.isValid ? keep.toHuman({ listStyle: 'long' }) : rule.keepFor} after ${after}, then ${THEN_LABELS[rule.then] ?? rule.then}`;
}

const EFFECT_LABELS: Record<string, string> = {
  people: 'people anonymised', peopleKeptForAnotherCase: 'people kept for another case', episodes: 'episodes', riskAssessments: 'risk assessments',
  decisions: 'decisions', actions: 'actions', disclosures: 'disclosures', documentsRewritten: 'documents rewritten',
  documentsDeleted: 'documents deleted', minutesReplaced: 'minutes versions replaced', minutesDeleted: 'minutes versions deleted',
  minutesTransferred: 'minutes versions transferred',
};

/** "4 people anonymised · 2 episodes · …", leaving out what did not happen. */
export const effectsLabel = (effects: Record<string, number>): string =>
  Object.entries(effects).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${EFFECT_LABELS[k] ?? k}`).join(' · ');
