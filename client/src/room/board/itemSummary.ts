import type { AgendaItemStatus, AgendaReason, Pathway, RiskLevel } from '../../../../shared/domain.js';
import { getField, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { recordedBand } from '../../../../shared/rules/decision-rules.js';

// What the board shows of an item: plain values read through the typed accessors, compared by
// value so a row re-renders only when something it shows changed.

const ORDER: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

export interface ItemSummary {
  familyRef: string;
  reason: AgendaReason;
  status: AgendaItemStatus;
  riskLevel: RiskLevel | null;
  pathway: Pathway | null;
  leadAgency: string | null;
  flags: string[];
  decided: boolean;
  /** The earliest episode's time (ISO), or null for an item with none. */
  firstAt: string | null;
  areas: string[];
  episodeCount: number;
  /** Highest SAFVR probability and DYRA level across the episodes. */
  safvr: number | null;
  dyra: RiskLevel | null;
  /** The highest band a risk tool recorded (what the rules compare the level with). */
  band: RiskLevel | null;
}

export function summarize(item: MeetingItem): ItemSummary {
  const episodes = getField(item, 'episodes');
  let firstAt: string | null = null;
  let safvr: number | null = null;
  let dyra: RiskLevel | null = null;
  const areas: string[] = [];
  for (const e of episodes) {
    if (firstAt === null || Date.parse(e.occurredAt) < Date.parse(firstAt)) firstAt = e.occurredAt;
    if (e.area && !areas.includes(e.area)) areas.push(e.area);
    if (e.safvr !== null && (safvr === null || e.safvr > safvr)) safvr = e.safvr;
    if (e.dyra && (dyra === null || ORDER[e.dyra] > ORDER[dyra])) dyra = e.dyra;
  }
  return {
    familyRef: getField(item, 'familyRef'),
    reason: getField(item, 'reason'),
    status: getField(item, 'status'),
    riskLevel: getField(item, 'riskLevel'),
    pathway: getField(item, 'pathway'),
    leadAgency: getField(item, 'leadAgency'),
    flags: getField(item, 'flags'),
    decided: getField(item, 'decidedHash') !== null,
    firstAt,
    areas,
    episodeCount: episodes.length,
    safvr,
    dyra,
    band: recordedBand({ episodes }),
  };
}

export function sameSummary(a: ItemSummary, b: ItemSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const riskRank = (level: RiskLevel | null): number => (level === null ? -1 : ORDER[level]);
