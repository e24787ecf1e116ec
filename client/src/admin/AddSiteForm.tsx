import { type FormEvent, useState } from 'react';
import type { AdminSite } from '../../../shared/api/admin.js';
import { createSite, createTrainingSite } from './api.js';
import { adminErrorMessage } from './errors.js';

/** A national administrator's: a new ISR site, or a training site, which then gets its staff and schedule. */
export function AddSiteForm({ onAdded }: { onAdded: (site: AdminSite) => void }) {
  const [draft, setDraft] = useState({ code: '', name: '', training: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const site = { code: draft.code.trim().toUpperCase(), name: draft.name.trim() };
      onAdded(await (draft.training ? createTrainingSite(site) : createSite(site)));
      setDraft({ code: '', name: '', training: false });
    } catch (err) {
      setError(adminErrorMessage(err));
    }
    setBusy(false);
  }

  return (
    <form className="admin-form admin-form--row" onSubmit={onSubmit} aria-label="Add a site">
      <div className="field">
        <label htmlFor="site-code">New site code</label>
        <input id="site-code" required placeholder="TAIRAWHITI" value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="site-name">Name</label>
        <input id="site-name" required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </div>
      <div className="admin-check">
        <input id="site-training" type="checkbox" checked={draft.training} onChange={(e) => setDraft({ ...draft, training: e.target.checked })} aria-describedby="site-training-hint" />
        <label htmlFor="site-training">Training site</label>
        <span id="site-training-hint" className="admin-hint">synthetic whānau and a day’s list, for practice</span>
      </div>
      <button type="submit" className="button" disabled={busy}>Add site</button>
      {error && <p role="alert" className="alert">{error}</p>}
    </form>
  );
}
