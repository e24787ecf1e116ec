import type { AgencyCode, Pathway, RiskLevel } from '../shared/domain.js';
import { lowerThanLastDecided } from '../shared/rules/decision-rules.js';

// How the scripted chair decides an item from what the room shows of it, as a chair who goes with
// the risk tool would: accept the band (with a one-line rationale where that is below the family's
// last decided level); a low band closes with no further action; otherwise a lead
// agency response with one action, led by Oranga Tamariki when children were present, else Police.

/** What the chair reads off the open item before deciding. */
export interface ItemFacts {
  band: RiskLevel | null;
  /** The family's last decided level, shown beside the band: going below it needs a rationale. */
  lastDecided: RiskLevel | null;
  childrenPresent: boolean;
}

export interface ChairPlan {
  /** On the risk radios: Enter accepts the tool band; with no band, a digit chooses the level. */
  riskKey: 'Enter' | '2';
  riskLevel: RiskLevel;
  /** Typed into the rationale when the level is below the family's last decided one; else null. */
  rationale: string | null;
  /** Typed into the Pathway type-ahead and committed with Enter. */
  pathwayQuery: string;
  pathway: Pathway;
  lead: { code: AgencyCode; name: string } | null;
  /** Typed into the Add action type-ahead and committed with Enter; null when the pathway needs none. */
  action: { query: string; type: string } | null;
}

const POLICE = { code: 'POLICE', name: 'New Zealand Police', query: 'pol' };
const OT = { code: 'OT', name: 'Oranga Tamariki', query: 'ot' };

export function planFor(facts: ItemFacts): ChairPlan {
  // With no tool result (a family back for unfinished actions) the chair keeps it open at medium.
  const riskLevel = facts.band ?? 'MEDIUM';
  const riskKey = facts.band ? 'Enter' : '2';
  const rationale = lowerThanLastDecided({ riskLevel, lastDecidedRisk: facts.lastDecided }) ? 'No new incident since the last meeting.' : null;
  if (riskLevel === 'LOW') return { riskKey, riskLevel, rationale, pathwayQuery: 'nfa', pathway: 'NO_FURTHER_ACTION', lead: null, action: null };
  const lead = facts.childrenPresent ? OT : POLICE;
  const action = riskLevel === 'HIGH' ? { query: 'safety plan', type: 'Safety plan' } : { query: 'home visit', type: 'Home visit' };
  return {
    riskKey, riskLevel, rationale, pathwayQuery: `lead ${lead.query}`, pathway: 'LEAD_AGENCY_RESPONSE', lead: { code: lead.code, name: lead.name }, action,
  };
}
