import { z } from 'zod';
import { AgendaItemStatus, RiskLevel } from '../../../../shared/domain.js';
import { KnownFlag } from '../../../../shared/meeting-doc/index.js';
import type { BoardQuery, BoardSort } from './boardQuery.js';
import { flagLabel, ITEM_STATUS_LABELS, RISK_LABELS } from '../labels.js';

const StatusChoice = z.union([AgendaItemStatus, z.literal('ALL')]);
const RiskChoice = z.union([RiskLevel, z.literal('ALL'), z.literal('NONE')]);
const SortChoice = z.enum(['rank', 'time', 'risk']);

const SORT_LABELS: Record<BoardSort, string> = { rank: 'List order', time: 'Episode time', risk: 'Highest risk' };

/** Filter and sort for the triage board. */
export function BoardToolbar({ query, onChange }: { query: BoardQuery; onChange(query: BoardQuery): void }) {
  return (
    <div className="board-toolbar" role="group" aria-label="Filter and sort the list">
      <div className="field">
        <label htmlFor="board-status">Status</label>
        <select id="board-status" value={query.status} onChange={(e) => onChange({ ...query, status: StatusChoice.parse(e.target.value) })}>
          <option value="ALL">All</option>
          {AgendaItemStatus.options.map((s) => (
            <option key={s} value={s}>
              {ITEM_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-risk">Risk</label>
        <select id="board-risk" value={query.risk} onChange={(e) => onChange({ ...query, risk: RiskChoice.parse(e.target.value) })}>
          <option value="ALL">All</option>
          {[...RiskLevel.options].reverse().map((r) => (
            <option key={r} value={r}>
              {RISK_LABELS[r]}
            </option>
          ))}
          <option value="NONE">Not assessed</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-flag">Flag</label>
        <select id="board-flag" value={query.flag} onChange={(e) => onChange({ ...query, flag: e.target.value })}>
          <option value="ALL">Any</option>
          {KnownFlag.options.map((f) => (
            <option key={f} value={f}>
              {flagLabel(f)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-sort">Sort</label>
        <select id="board-sort" value={query.sort} onChange={(e) => onChange({ ...query, sort: SortChoice.parse(e.target.value) })}>
          {SortChoice.options.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
