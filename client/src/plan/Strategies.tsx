import type * as Y from 'yjs';
import { addStrategy, listStrategies, PLAN_LIMITS, removeStrategy, setStrategy, STRATEGY_STATUS_LABELS, StrategyStatus, type StrategyView } from '../../../shared/plan-doc/index.js';
import { AGENCIES } from '../room/agencies.js';
import { PlanText } from './PlanText.js';

/** The plan's strategies: what will keep the whānau safe, who does it, by when, and how it stands. */
export function Strategies({ doc, prefix, readOnly }: { doc: Y.Doc; prefix: string; readOnly: boolean }) {
  const strategies = listStrategies(doc);
  return (
    <fieldset className="plan-strategies">
      <legend>Strategies</legend>
      {strategies.length === 0 && <p className="muted">No strategies yet.</p>}
      <ol className="plan-strategies__list">
        {strategies.map((s, i) => (
          <li key={s.id}>
            <Strategy doc={doc} strategy={s} number={i + 1} prefix={prefix} readOnly={readOnly} />
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="button button--small" onClick={() => addStrategy(doc, { text: '', agency: null, due: null, status: 'PLANNED' })}>
          Add a strategy
        </button>
      )}
    </fieldset>
  );
}

function Strategy({ doc, strategy: s, number, prefix, readOnly }: { doc: Y.Doc; strategy: StrategyView; number: number; prefix: string; readOnly: boolean }) {
  const id = `${prefix}-strategy-${s.id}`;
  return (
    <div className="plan-strategy" role="group" aria-label={`Strategy ${number}`}>
      <PlanText id={`${id}-text`} label={`Strategy ${number}`} ytext={s.text} maxLength={PLAN_LIMITS.strategyText} readOnly={readOnly} rows={2} />
      <div className="plan-strategy__fields">
        <div className="field">
          <label htmlFor={`${id}-agency`}>Responsible agency</label>
          <select id={`${id}-agency`} value={s.agency ?? ''} disabled={readOnly} onChange={(e) => setStrategy(doc, s.id, { agency: e.target.value || null })}>
            <option value="">Not yet agreed</option>
            {AGENCIES.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>Due</label>
          <input id={`${id}-due`} type="date" value={s.due ?? ''} readOnly={readOnly} onChange={(e) => setStrategy(doc, s.id, { due: e.target.value || null })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={s.status} disabled={readOnly} onChange={(e) => setStrategy(doc, s.id, { status: StrategyStatus.parse(e.target.value) })}>
            {StrategyStatus.options.map((o) => <option key={o} value={o}>{STRATEGY_STATUS_LABELS[o]}</option>)}
          </select>
        </div>
        {!readOnly && (
          <button type="button" className="link-button plan-strategy__remove" onClick={() => removeStrategy(doc, s.id)}>
            Remove strategy {number}
          </button>
        )}
      </div>
    </div>
  );
}
