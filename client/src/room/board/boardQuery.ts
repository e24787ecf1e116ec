import type { AgendaItemStatus, RiskLevel } from '../../../../shared/domain.js';
import type { BoardEntry } from './useBoardIndex.js';
import { riskRank } from './itemSummary.js';

// Filtering and sorting the board. Pure, so the list the chair sees is easy to reason about.

export type BoardSort = 'rank' | 'time' | 'risk';

export interface BoardQuery {
  status: AgendaItemStatus | 'ALL';
  /** The proposed level, or the tool band while none is proposed; NONE: neither. */
  risk: RiskLevel | 'NONE' | 'ALL';
  flag: string;
  sort: BoardSort;
}

export const ALL_ITEMS: BoardQuery = { status: 'ALL', risk: 'ALL', flag: 'ALL', sort: 'rank' };

export function isFiltered(query: BoardQuery): boolean {
  return query.status !== 'ALL' || query.risk !== 'ALL' || query.flag !== 'ALL';
}

export function effectiveRisk(entry: BoardEntry): RiskLevel | null {
  return entry.summary.riskLevel ?? entry.summary.band;
}

function matches(entry: BoardEntry, query: BoardQuery): boolean {
  const { status, flags } = entry.summary;
  if (query.status !== 'ALL' && status !== query.status) return false;
  if (query.risk !== 'ALL' && (effectiveRisk(entry) ?? 'NONE') !== query.risk) return false;
  if (query.flag !== 'ALL' && !flags.includes(query.flag)) return false;
  return true;
}

function time(entry: BoardEntry): number {
  return entry.summary.firstAt === null ? Number.POSITIVE_INFINITY : Date.parse(entry.summary.firstAt);
}

/** The visible rows; ties keep the list's own order (Array.prototype.sort is stable). */
export function queryBoard(entries: readonly BoardEntry[], query: BoardQuery): BoardEntry[] {
  const shown = entries.filter((e) => matches(e, query));
  if (query.sort === 'time') return shown.sort((a, b) => time(a) - time(b));
  if (query.sort === 'risk') return shown.sort((a, b) => riskRank(effectiveRisk(b)) - riskRank(effectiveRisk(a)));
  return shown;
}
