import { type FormEvent, useState } from 'react';
import type { AdminAgency, AdminUser, SetupLink } from '../../../shared/api/admin.js';
import { Role } from '../../../shared/domain.js';
import { roleLabel } from '../format.js';
import { createStaff } from './api.js';
import { adminErrorMessage } from './errors.js';
import { OneTimeLink } from './OneTimeLink.js';

/** Adds a staff account at the site and shows its one-time set-up link. */
export function AddPersonForm({ siteId, agencies, onAdded }: { siteId: string; agencies: AdminAgency[]; onAdded: (user: AdminUser) => void }) {
  const active = agencies.filter((a) => a.active);
  const [draft, setDraft] = useState({ displayName: '', email: '', agencyCode: active[0]?.code ?? '', role: 'REP' as Role });
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ who: string; link: SetupLink } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const { user, setupLink } = await createStaff({ ...draft, email: draft.email.trim(), siteId });
      onAdded(user);
      setCreated({ who: user.displayName, link: setupLink });
      setDraft((d) => ({ ...d, displayName: '', email: '' }));
    } catch (err) {
      setError(adminErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" onSubmit={onSubmit} aria-labelledby="add-person-heading">
      <h3 id="add-person-heading">Add a person</h3>
      <div className="admin-form--row">
        <div className="field">
          <label htmlFor="person-name">Name</label>
          <input id="person-name" required value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="person-email">Email</label>
          <input id="person-email" type="email" required spellCheck={false} value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="person-agency">Agency</label>
          <select id="person-agency" value={draft.agencyCode} onChange={(e) => setDraft({ ...draft, agencyCode: e.target.value })}>
            {active.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="person-role">Role</label>
          <select id="person-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: Role.parse(e.target.value) })}>
            {Role.options.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>Add and make a set-up link</button>
      </div>
      {error && <p role="alert" className="alert">{error}</p>}
      {created && <OneTimeLink link={created.link} who={created.who} />}
    </form>
  );
}
