import { fieldDomId } from './fieldIds.js';

// Moving from one step of the decision to the next: focus the next control of the open item's
// decision bar, now or, when it appears with this change, once React has rendered it. The bar's controls carry the ids of the fields they set
// (fieldIds.ts), so the finalize error summary links to them too.

const FIELDS = { risk: 'riskLevel', rationale: 'rationale', pathway: 'pathway', lead: 'leadAgency', action: 'actions' } as const;

export type DecisionPart = keyof typeof FIELDS | 'finalize';

/** There is one decision bar on the page, the open item's, so its finalize button has a fixed id. */
export const FINALIZE_BUTTON_ID = 'decision-finalize';

/** A control that appears with this change (the lead agency picker) may need a frame or two. */
const FRAMES_TO_WAIT = 5;

export function decisionControlId(itemId: string, part: DecisionPart): string {
  return part === 'finalize' ? FINALIZE_BUTTON_ID : fieldDomId(itemId, FIELDS[part]);
}

export function focusDecision(itemId: string, part: DecisionPart, frames = FRAMES_TO_WAIT): void {
  // At once when the control is there, so a key pressed straight after lands in it. Only in the bar:
  // the rationale moves into it from the details below, and must not be focused where it is leaving.
  const el = document.querySelector('.decision-bar')?.querySelector<HTMLElement>(`#${CSS.escape(decisionControlId(itemId, part))}`);
  if (el) el.focus();
  else if (frames > 0) requestAnimationFrame(() => focusDecision(itemId, part, frames - 1));
}
