import type { Pathway, RiskLevel } from '../domain.js';
import type { FieldError } from '../control.js';
import type { ItemSnapshot } from '../meeting-doc/schemas.js';
import { invalidTextReason } from '../valid-text.js';

// The rules a decision must meet before it becomes a record (docs/architecture.md, Domain). Shared, so the browser
// shows the same errors at the same fields as the server's `item:finalize` returns.

const ORDER: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
const NO_ACTION_PATHWAYS = new Set<Pathway>(['NO_FURTHER_ACTION', 'INFORMATION_ONLY']);

/** Every pathway but no further action and information only needs a lead agency and an action. */
export function pathwayNeedsAction(pathway: Pathway): boolean {
  return !NO_ACTION_PATHWAYS.has(pathway);
}

/** The highest band any risk tool recorded for the item's episodes, or null when none did. */
export function recordedBand(item: Pick<ItemSnapshot, 'episodes'>): RiskLevel | null {
  let band: RiskLevel | null = null;
  for (const e of item.episodes) {
    for (const b of [e.safvrBand, e.dyra]) if (b && (band === null || ORDER[b] > ORDER[band])) band = b;
  }
  return band;
}

/** A level other than the tool band's is a judgement, and needs its rationale written down. */
export function levelDiffersFromBand(item: Pick<ItemSnapshot, 'episodes' | 'riskLevel'>): boolean {
  const band = recordedBand(item);
  return band !== null && item.riskLevel !== null && item.riskLevel !== band;
}

/** A level below the one the family's last decision set is lowered, and needs its rationale. */
export function lowerThanLastDecided(item: Pick<ItemSnapshot, 'riskLevel' | 'lastDecidedRisk'>): boolean {
  return item.riskLevel !== null && item.lastDecidedRisk !== null && ORDER[item.riskLevel] < ORDER[item.lastDecidedRisk];
}

/** Why the item's level needs a rationale written down, or null when it does not. */
export function rationaleReason(item: Pick<ItemSnapshot, 'episodes' | 'riskLevel' | 'lastDecidedRisk'>): string | null {
  const band = recordedBand(item);
  if (band && levelDiffersFromBand(item)) return `the level differs from the tool band (${band})`;
  if (lowerThanLastDecided(item)) return `the level is below the family’s last decided level (${item.lastDecidedRisk})`;
  return null;
}

/** A Report of Concern pathway records the report itself: who made it, when, and its reference. */
function reportOfConcernErrors(item: Pick<ItemSnapshot, 'reportOfConcern'>): FieldError[] {
  const report = item.reportOfConcern;
  const errors: FieldError[] = [];
  if (!report?.by.trim()) errors.push({ field: 'reportOfConcern.by', message: 'Say who made the Report of Concern' });
  if (!report?.on) errors.push({ field: 'reportOfConcern.on', message: 'Give the date the Report of Concern was made' });
  if (!report?.reference.trim()) errors.push({ field: 'reportOfConcern.reference', message: 'Give the Report of Concern’s Oranga Tamariki reference' });
  return errors;
}

const ICM_REVIEW_OUTCOMES = new Set<Pathway>(['CONTINUE_ICM', 'STEP_DOWN_FROM_ICM']);

/** An ICM review continues the family on ICM or steps it down, and records both services' engagement and the progress. */
function icmReviewErrors(item: Pick<ItemSnapshot, 'pathway' | 'icmReview'>): FieldError[] {
  const errors: FieldError[] = [];
  if (item.pathway && !ICM_REVIEW_OUTCOMES.has(item.pathway)) {
    errors.push({ field: 'pathway', message: 'An ICM review continues ICM or steps the family down' });
  }
  const review = item.icmReview;
  for (const [key, service] of [['victimSpecialist', 'the victim specialist'], ['perpetratorOutreach', 'perpetrator outreach']] as const) {
    if (!review?.[key].status) errors.push({ field: `icmReview.${key}.status`, message: `Record the engagement of ${service}` });
    if (!review?.[key].on) errors.push({ field: `icmReview.${key}.on`, message: `Give the date of ${service}’s engagement` });
  }
  if (!review?.progress.trim()) errors.push({ field: 'icmReview.progress', message: 'Record the progress against the safety plan' });
  return errors;
}

/** Children were present at an episode of the item. */
export function childrenPresent(item: Pick<ItemSnapshot, 'episodes'>): boolean {
  return item.episodes.some((e) => e.childrenPresent > 0 || e.children.length > 0);
}

/**
 * What the chair should consider before deciding, without being stopped: children present and a
 * high risk level prompt a Report of Concern.
 */
export function decisionWarnings(item: Pick<ItemSnapshot, 'episodes' | 'riskLevel' | 'pathway'>): FieldError[] {
  if (item.riskLevel === 'HIGH' && item.pathway !== 'OT_REPORT_OF_CONCERN' && childrenPresent(item)) {
    return [{ field: 'pathway', message: 'Children were present and the risk is high: consider a Report of Concern to Oranga Tamariki' }];
  }
  return [];
}

/** Every rule the item breaks, each at its field; [] when it may be finalized. */
export function decisionErrors(item: ItemSnapshot): FieldError[] {
  const errors: FieldError[] = [];
  const band = recordedBand(item);
  if (!item.riskLevel) errors.push({ field: 'riskLevel', message: 'Choose a risk level' });
  if (!item.pathway) errors.push({ field: 'pathway', message: 'Choose a pathway' });

  const hasRationale = item.rationale.trim().length > 0;
  if (item.riskLevel && band && levelDiffersFromBand(item) && !hasRationale) {
    errors.push(
      band === 'HIGH' && ORDER[item.riskLevel] < ORDER.HIGH
        ? { field: 'rationale', message: 'A recorded HIGH band is never lowered silently: give the rationale for the lower level' }
        : { field: 'rationale', message: `The level differs from the tool band (${band}): give a rationale` },
    );
  } else if (item.riskLevel && lowerThanLastDecided(item) && !hasRationale) {
    errors.push({
      field: 'rationale',
      message: `The family’s last decided level was ${item.lastDecidedRisk}; a lower level is never set silently: give the rationale`,
    });
  }
  if (item.pathway === 'OT_REPORT_OF_CONCERN') errors.push(...reportOfConcernErrors(item));
  if (item.reason === 'ICM_REVIEW') errors.push(...icmReviewErrors(item));

  if (item.pathway && pathwayNeedsAction(item.pathway)) {
    if (!item.leadAgency) errors.push({ field: 'leadAgency', message: 'This pathway needs a lead agency' });
    if (item.actions.length === 0) errors.push({ field: 'actions', message: 'This pathway needs at least one action' });
  }
  for (const action of item.actions) {
    const at = (field: string) => `actions.${action.id}.${field}`;
    if (!action.agency) errors.push({ field: at('agency'), message: 'Assign the action to an agency' });
    if (!action.type.trim()) errors.push({ field: at('type'), message: 'Say what kind of action this is' });
    if (!action.due) errors.push({ field: at('due'), message: 'Give a due date' });
  }
  errors.push(...invalidTextErrors(item));
  return errors;
}

/**
 * Any client can put any character into the document's texts; a NUL would fail the write of the
 * record (PostgreSQL refuses it) and the others are never typed. Named at their field instead.
 */
function invalidTextErrors(item: ItemSnapshot): FieldError[] {
  const texts: [string, string][] = [
    ['rationale', item.rationale],
    ['dissent', item.dissent],
    ...item.research.map((r): [string, string] => [`research.${r.agency}.text`, r.text]),
    ...item.actions.flatMap((a): [string, string][] => [
      [`actions.${a.id}.type`, a.type], [`actions.${a.id}.description`, a.description], [`actions.${a.id}.assignee`, a.assignee],
    ]),
    ...(item.icmReview ? [['icmReview.progress', item.icmReview.progress]] as [string, string][] : []),
    ...(item.reportOfConcern ? [['reportOfConcern.by', item.reportOfConcern.by], ['reportOfConcern.reference', item.reportOfConcern.reference]] as [string, string][] : []),
  ];
  return texts.flatMap(([field, text]) => {
    const reason = invalidTextReason(text);
    return reason ? [{ field, message: `Retype this text: it ${reason}` }] : [];
  });
}
