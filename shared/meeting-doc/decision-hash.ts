import { canonicalJson } from '../canonical-json.js';
import type { ActionSnapshot, ItemSnapshot } from './schemas.js';

// finalize stores decisionHash(item) as the item's decidedHash (and the Decision's contentHash);
// any client recomputes it to show "changed since decision". Both sides hash the same string, so
// this lives here rather than in the server.

/** An action as decided. Whether it awaited confirmation is not part of it: finalize confirms it. */
function decidedAction({ proposedBy: _proposal, ...action }: ActionSnapshot): Omit<ActionSnapshot, 'proposedBy'> {
  return action;
}

/**
 * The decided content of an item as canonical JSON: what finalize records (Decision, Actions) and
 * what the meeting saw when it decided (research). Ordering fields (rank), item status and import
 * data are not part of a decision.
 */
export function decisionContent(item: ItemSnapshot): string {
  return canonicalJson({
    riskLevel: item.riskLevel,
    pathway: item.pathway,
    leadAgency: item.leadAgency,
    // Absent unless recorded, so decisions made before reports were recorded keep their hash.
    ...(item.reportOfConcern && { reportOfConcern: item.reportOfConcern }),
    ...(item.icmReview && { icmReview: item.icmReview }),
    rationale: item.rationale,
    dissent: item.dissent,
    research: item.research,
    actions: item.actions.map(decidedAction),
  });
}

/** sha256 hex of decisionContent, via Web Crypto (in browsers and Node alike). */
export async function decisionHash(item: ItemSnapshot): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(decisionContent(item)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when the item has been decided and its content has changed since. */
export async function changedSinceDecision(item: ItemSnapshot): Promise<boolean> {
  return item.decidedHash !== null && item.decidedHash !== (await decisionHash(item));
}
