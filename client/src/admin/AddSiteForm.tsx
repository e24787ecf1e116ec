import { type FormEvent, useState } from 'react';
import type { AdminSite } from '../../../shared/api/admin.js';
import { createSite } from './api.js';
import { adminErrorMessage } from './errors.js';

/** A national administrator's: a new ISR site, which then gets its staff and schedule. */
export function AddSiteForm({ onAdded }: { onAdded: (site: AdminSite) => void }) {
  const [draft, setDraft] = useState({ code: '', name: '' });
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      onAdded(await createSite({ code: draft.code.trim().toUpperCase(), name: draft.name.trim() }));
      setDraft({ code: '', name: '' });
    } catch (err) {
      setError(adminErrorMessage(err));
    }
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
      <button type="submit" className="button">Add site</button>
      {error && <p role="alert" className="alert">{error}</p>}
    </form>
  );
}
