import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntry } from '../../../shared/api/notifications.js';
import { formatAdminTime } from './adminTime.js';
import { fetchEmailTrouble, retryEmail } from './api.js';
import { adminErrorMessage } from './errors.js';

const KIND_LABELS: Record<OutboxEntry['kind'], string> = { DAILY_DIGEST: 'Daily digest', ACTION_ASSIGNED: 'New action' };

const statusLabel = (e: OutboxEntry) => (e.status === 'FAILED' ? 'Failed' : e.status === 'SENDING' ? 'Sending' : 'Waiting to retry');

/** When the next try is: none once the tries ran out, "now" when it is already due. */
function nextAttempt(e: OutboxEntry): string {
  if (e.status === 'FAILED') return 'None: tries ran out';
  return Date.parse(e.nextAttemptAt) <= Date.now() ? 'Now' : formatAdminTime(e.nextAttemptAt);
}

/** A site's reminder emails that did not go, and the one thing an administrator can do: try a failed one again. */
export function EmailDelivery({ siteId }: { siteId: string }) {
  const [emails, setEmails] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    fetchEmailTrouble(siteId).then(setEmails, (err: unknown) => setError(adminErrorMessage(err)));
  }, [siteId]);

  useEffect(() => {
    setEmails(null);
    setNotice(null);
    load();
  }, [load]);

  async function tryAgain(e: OutboxEntry) {
    setError(null);
    setNotice(null);
    try {
      const queued = await retryEmail(e.id);
      setEmails((list) => list?.map((x) => (x.id === queued.id ? queued : x)) ?? null);
      setNotice(`${e.agency}'s ${KIND_LABELS[e.kind].toLowerCase()} will be sent again in the next reminders round, within a few minutes.`);
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="email-delivery-heading">
      <div className="admin-section__head">
        <h2 id="email-delivery-heading">Email delivery</h2>
        <button type="button" className="button button--small" onClick={load}>Refresh</button>
      </div>
      <p className="admin-hint">Reminder emails to agencies that did not go through. Each is tried again on its own with longer waits; once its tries run out it stays failed until you try it again.</p>
      {error && <p role="alert" className="alert">{error}</p>}
      {notice && <p role="status" className="notice">{notice}</p>}
      {!emails ? <p role="status">Loading emails…</p>
        : emails.length === 0 ? <p className="muted">Every reminder email for this site has gone through.</p>
        : (
          <div className="table-wrap">
            <table className="table" aria-labelledby="email-delivery-heading">
              <thead>
                <tr>
                  <th scope="col">Agency</th><th scope="col">Reminder</th><th scope="col">Status</th><th scope="col">Tries</th>
                  <th scope="col">Last error</th><th scope="col">Next try</th><th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {emails.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{e.agency}</th>
                    <td>{KIND_LABELS[e.kind]}<div className="admin-hint">{formatAdminTime(e.createdAt)}</div></td>
                    <td><span className={`tag admin-status admin-email-status--${e.status === 'FAILED' ? 'failed' : 'waiting'}`}>{statusLabel(e)}</span></td>
                    <td>{e.attempts}</td>
                    <td className="admin-email-error">{e.lastError ?? '—'}</td>
                    <td>{nextAttempt(e)}</td>
                    <td className="table__action admin-actions">
                      {e.status === 'FAILED' && (
                        <button type="button" className="button button--small" onClick={() => tryAgain(e)}
                          aria-label={`Try again now: ${e.agency}, ${KIND_LABELS[e.kind].toLowerCase()} of ${formatAdminTime(e.createdAt)}`}>
                          Try again now
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
