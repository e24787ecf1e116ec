import { useState } from 'react';
import { Pathway, RiskLevel } from '../../../../shared/domain.js';
import { getItem, setFields, type EditableItemValues } from '../../../../shared/meeting-doc/index.js';
import { AGENCIES } from '../agencies.js';
import type { BulkItemResult } from '../../../../shared/control.js';
import { PATHWAY_LABELS, RISK_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import type { BoardEntry } from '../board/useBoardIndex.js';
import type { Finalizer } from '../decision/useFinalize.js';
import './chair.css';

interface Props {
  checked: ReadonlySet<string>;
  entries: readonly BoardEntry[];
  finalizer: Finalizer;
  live: boolean;
  onCheckedChange(checked: Set<string>): void;
  onOpen(id: string): void;
}

const KEEP = '';

/**
 * Most of a day's list is low risk: the chair selects several items, sets risk level, pathway and
 * lead agency for all of them in one step, then finalizes them together — each still checked by
 * the rules, with its own result.
 */
export function BulkDecisionBar({ checked, entries, finalizer, live, onCheckedChange, onOpen }: Props) {
  const { doc, announce } = useRoom();
  const [risk, setRisk] = useState(KEEP);
  const [pathway, setPathway] = useState(KEEP);
  const [lead, setLead] = useState(KEEP);
  const [results, setResults] = useState<BulkItemResult[] | null>(null);
  const ids = entries.map((e) => e.item.id).filter((id) => checked.has(id));
  const familyRef = (id: string) => entries.find((e) => e.item.id === id)?.summary.familyRef ?? id;
  const busy = ids.some((id) => finalizer.busy.has(id));

  function apply() {
    const patch: Partial<EditableItemValues> = {};
    if (risk !== KEEP) patch.riskLevel = RiskLevel.parse(risk);
    if (pathway !== KEEP) patch.pathway = Pathway.parse(pathway);
    if (lead !== KEEP) patch.leadAgency = lead;
    // One transaction: everyone sees the whole batch change at once, and it is one undo step.
    doc.transact(() => {
      for (const id of ids) {
        const item = getItem(doc, id);
        if (item) setFields(item, patch);
      }
    });
    announce(`Set for ${ids.length} ${ids.length === 1 ? 'item' : 'items'}.`);
  }

  async function finalizeAll() {
    const outcome = await finalizer.finalizeMany(ids);
    setResults(outcome);
    if (outcome) onCheckedChange(new Set(outcome.filter((r) => !r.ok).map((r) => r.itemId)));
  }

  const nothingToApply = risk === KEEP && pathway === KEEP && lead === KEEP;
  const failed = results?.filter((r) => !r.ok) ?? [];

  if (ids.length === 0 && !results) return null;
  return (
    <section className="bulk" aria-label="Decide several items at once">
      {ids.length > 0 && (
        <div className="bulk__bar">
          <p className="bulk__heading">{ids.length} selected</p>
          <div className="field field--inline">
            <label htmlFor="bulk-risk">Risk level</label>
            <select id="bulk-risk" value={risk} onChange={(e) => setRisk(e.target.value)}>
              <option value={KEEP}>Keep as is</option>
              {RiskLevel.options.map((r) => (
                <option key={r} value={r}>
                  {RISK_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor="bulk-pathway">Pathway</label>
            <select id="bulk-pathway" value={pathway} onChange={(e) => setPathway(e.target.value)}>
              <option value={KEEP}>Keep as is</option>
              {Pathway.options.map((p) => (
                <option key={p} value={p}>
                  {PATHWAY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor="bulk-lead">Lead agency</label>
            <select id="bulk-lead" value={lead} onChange={(e) => setLead(e.target.value)}>
              <option value={KEEP}>Keep as is</option>
              {AGENCIES.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.short}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button" disabled={nothingToApply} onClick={apply}>
            Apply to {ids.length}
          </button>
          <button type="button" className="button button--primary" disabled={!live || busy} onClick={() => void finalizeAll()}>
            {busy ? 'Finalizing…' : `Finalize ${ids.length} selected`}
          </button>
          <button type="button" className="link-button" onClick={() => onCheckedChange(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      {results && (
        <div className={failed.length > 0 ? 'alert bulk__results' : 'notice bulk__results'} role="status">
          <p>
            {results.length - failed.length} of {results.length} decided.
            {failed.length > 0 && ' These need attention (still selected):'}
            <button type="button" className="link-button bulk__dismiss" onClick={() => setResults(null)}>
              Dismiss
            </button>
          </p>
          {failed.length > 0 && (
            <ul>
              {failed.map((r) =>
                r.ok ? null : (
                  <li key={r.itemId}>
                    <button type="button" className="link-button" onClick={() => onOpen(r.itemId)}>
                      {familyRef(r.itemId)}
                    </button>
                    : {(r.error.fields ?? []).map((f) => f.message).join('; ') || r.error.message}
                  </li>
                ),
              )}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
