import { type FormEvent, useState } from 'react';
import type { AdminAgency } from '../../../shared/api/admin.js';
import { AgencyKind } from '../../../shared/domain.js';
import { createAgency, updateAgency } from './api.js';
import { adminErrorMessage } from './errors.js';

const kindLabel = (k: string) => k.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The agencies every site shares; a national administrator adds them and makes them inactive or active. */
export function AgenciesSection({ agencies, national, onChange }: { agencies: AdminAgency[]; national: boolean; onChange: (a: AdminAgency) => void }) {
  const [draft, setDraft] = useState({ code: '', name: '', kind: 'OTHER' as AgencyKind });
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<AdminAgency>) {
    setError(null);
    try {
      onChange(await action());
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const created = await createAgency({ ...draft, code: draft.code.trim().toUpperCase() });
      setDraft({ code: '', name: '', kind: 'OTHER' });
      return created;
    });
  }

  return (
    <section className="card admin-section" aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">Agencies</h2>
      {national && (
        <form className="admin-form admin-form--row" onSubmit={onSubmit} aria-label="Add an agency">
          <div className="field">
            <label htmlFor="agency-code">Code</label>
            <input id="agency-code" required placeholder="TE_KAHU" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="agency-name">Name</label>
            <input id="agency-name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="agency-kind">Kind</label>
            <select id="agency-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: AgencyKind.parse(e.target.value) })}>
              {AgencyKind.options.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
            </select>
          </div>
          <button type="submit" className="button button--primary">Add agency</button>
        </form>
      )}
      {error && <p role="alert" className="alert">{error}</p>}
      <ul className="admin-agencies">
        {agencies.map((a) => (
          <li key={a.id}>
            <span>{a.name} <span className="muted">({a.code}, {kindLabel(a.kind)})</span>{a.active ? '' : ' — inactive'}</span>
            {national && (
              <button type="button" className="button button--small" onClick={() => run(() => updateAgency(a.id, { active: !a.active }))}>
                {a.active ? 'Make inactive' : 'Make active'}<span className="visually-hidden"> {a.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
