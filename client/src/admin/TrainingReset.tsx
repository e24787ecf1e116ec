import { useState } from 'react';
import type { AdminSite } from '../../../shared/api/admin.js';
import { resetTrainingSite } from './api.js';
import { adminErrorMessage } from './errors.js';

/** A training site's one action: back to its starting whānau and day's list. */
export function TrainingReset({ site }: { site: AdminSite }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onReset() {
    if (!window.confirm(`Reset ${site.name}? Its meetings, decisions and actions go, and its starting whānau and today’s list come back. Its staff keep their accounts.`)) return;
    setBusy(true);
    setMessage(null);
    try {
      const done = await resetTrainingSite(site.id);
      setMessage({ ok: true, text: `${site.name} is back to its starting state: ${done.families} whānau on today’s list.` });
    } catch (err) {
      setMessage({ ok: false, text: adminErrorMessage(err) });
    }
    setBusy(false);
  }

  return (
    <div className="admin-training">
      <button type="button" className="button button--danger" onClick={onReset} disabled={busy}>Reset training site</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice' : 'alert'}>{message.text}</p>}
    </div>
  );
}
