import { useEffect, useState } from 'react';
import type { PlanChange, PlanComparison, PlanVersionSummary } from '../../../shared/api/plan.js';
import { formatNzDate } from '../room/roomTime.js';
import { comparePlanVersions, fetchPlanVersions } from './api.js';

const FIELD_LABELS: Record<PlanChange['field'], string> = {
  risks: 'Risks and needs', children: 'Children’s safety', reviewDate: 'Review date', voice: 'Victim’s voice', safeContact: 'Safe contact',
  strategy: 'Strategy', 'strategy.text': 'Strategy', 'strategy.agency': 'Strategy’s agency', 'strategy.due': 'Strategy’s due date',
  'strategy.status': 'Strategy’s status',
};

/** The plan as each decision kept it; pick two to see what changed between them. */
export function PlanVersions({ caseId, headingId }: { caseId: string; headingId: string }) {
  const [versions, setVersions] = useState<PlanVersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [comparison, setComparison] = useState<PlanComparison | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchPlanVersions(caseId, controller.signal).then(
      (list) => {
        setVersions(list);
        setTo(list[0]?.id ?? '');
        setFrom(list[1]?.id ?? '');
      },
      (err: unknown) => !controller.signal.aborted && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => controller.abort();
  }, [caseId]);

  const compare = () => {
    setComparison(null);
    comparePlanVersions(caseId, from, to).then(setComparison, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  const label = (v: PlanVersionSummary) => `Version ${v.version} — decision of ${formatNzDate(v.meetingDate)}`;

  return (
    <section className="plan-versions" aria-labelledby={headingId}>
      <h3 id={headingId}>Versions</h3>
      {error && <p role="alert" className="alert">Couldn’t read the versions: {error}</p>}
      {versions === null && !error && <p className="muted">Loading versions…</p>}
      {versions?.length === 0 && <p className="muted">Each decision about this whānau keeps the plan as a version. None yet.</p>}
      {versions && versions.length > 0 && (
        <>
          <ul className="plan-versions__list">
            {versions.map((v) => <li key={v.id}>{label(v)}</li>)}
          </ul>
          {versions.length > 1 && (
            <div className="plan-versions__compare">
              <div className="field">
                <label htmlFor={`${headingId}-from`}>Compare</label>
                <select id={`${headingId}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
                  {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${headingId}-to`}>with</label>
                <select id={`${headingId}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
                  {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
                </select>
              </div>
              <button type="button" className="button button--small" onClick={compare} disabled={!from || !to || from === to}>Show changes</button>
            </div>
          )}
          {comparison && <Changes comparison={comparison} />}
        </>
      )}
    </section>
  );
}

function Changes({ comparison }: { comparison: PlanComparison }) {
  if (comparison.changes.length === 0) return <p role="status">No changes between version {comparison.from.version} and version {comparison.to.version}.</p>;
  return (
    <table className="plan-changes">
      <caption>Changes from version {comparison.from.version} to version {comparison.to.version}</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>
        {comparison.changes.map((c, i) => (
          <tr key={i}>
            <th scope="row">{FIELD_LABELS[c.field]}</th>
            <td>{c.from ?? <span className="muted">(none)</span>}</td>
            <td>{c.to ?? <span className="muted">(removed)</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
