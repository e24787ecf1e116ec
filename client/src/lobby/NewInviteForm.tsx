import { type FormEvent, useState } from 'react';
import { CreateInviteRequest, MAX_INVITE_USES, type InviteRole } from '../../../shared/api/invites.js';
import { ApiRequestError } from '../api/http.js';
import { AGENCIES } from '../room/agencies.js';
import { createInvite } from './api.js';

const VALIDITY = [
  { hours: 2, label: '2 hours' },
  { hours: 12, label: '12 hours' },
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
] as const;

/** The chair's form for a new link; the link is shown once, right here, and never again. */
export function NewInviteForm({ meetingId, onCreated }: { meetingId: string; onCreated(): void }) {
  const [agencyCode, setAgencyCode] = useState('');
  const [role, setRole] = useState<InviteRole>('REP');
  const [hours, setHours] = useState<number>(24);
  const [maxUses, setMaxUses] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = CreateInviteRequest.safeParse({
      agencyCode, role, maxUses: Number(maxUses), expiresAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
    });
    if (!request.success) {
      setError(agencyCode ? `Uses must be a whole number from 1 to ${MAX_INVITE_USES}.` : 'Choose the agency the link is for.');
      return;
    }
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setLink((await createInvite(meetingId, request.data)).url);
      onCreated();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : 'Creating the link didn’t work. Try again.');
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!link) return;
    await navigator.clipboard.writeText(link).then(() => setCopied(true), () => setCopied(false));
  }

  return (
    <section className="card invites__new" aria-labelledby="new-invite-heading">
      <h2 id="new-invite-heading">New invitation link</h2>
      <form className="invites__form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="invite-agency">Agency</label>
          <select id="invite-agency" value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)}>
            <option value="">Choose…</option>
            {AGENCIES.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value === 'OBSERVER' ? 'OBSERVER' : 'REP')}>
            <option value="REP">Agency representative</option>
            <option value="OBSERVER">Observer (read-only)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-validity">Works for</label>
          <select id="invite-validity" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {VALIDITY.map((v) => (
              <option key={v.hours} value={v.hours}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-uses">People who may use it</label>
          <input id="invite-uses" type="number" min={1} max={MAX_INVITE_USES} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Create link
        </button>
      </form>
      {error && (
        <div role="alert" className="alert">
          {error}
        </div>
      )}
      {link && (
        <div className="invites__link" role="status">
          <label htmlFor="invite-link">New link — shown only this once</label>
          <div className="invites__copy">
            <input id="invite-link" readOnly value={link} onFocus={(e) => e.target.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p className="muted">Send it to the person through a secure channel. Anyone with the link can ask to join; you admit each person from the room.</p>
        </div>
      )}
    </section>
  );
}
