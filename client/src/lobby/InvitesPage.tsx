import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { InviteState, InviteSummary } from '../../../shared/api/invites.js';
import { ApiRequestError } from '../api/http.js';
import { useMe } from '../auth/useMe.js';
import { roleLabel } from '../format.js';
import { AppHeader } from '../layout/AppHeader.js';
import { fetchInvites, revokeInvite } from './api.js';
import { NewInviteForm } from './NewInviteForm.js';
import './lobby.css';

type Load = { status: 'loading' } | { status: 'ready'; invites: InviteSummary[] } | { status: 'error'; message: string };

const STATE_LABEL: Record<InviteState, string> = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Withdrawn', USED_UP: 'Used up' };

const when = (iso: string) => new Date(iso).toLocaleString('en-NZ', { timeZone: 'Pacific/Auckland', dateStyle: 'medium', timeStyle: 'short' });

/** The chair's invitation links for one meeting: create, see how each has been used, withdraw. */
export function InvitesPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    if (me.role !== 'CHAIR') return;
    const controller = new AbortController();
    fetchInvites(id, controller.signal).then(
      (invites) => setLoad({ status: 'ready', invites }),
      (err: unknown) => !controller.signal.aborted && setLoad({ status: 'error', message: err instanceof ApiRequestError ? err.message : String(err) }),
    );
    return () => controller.abort();
  }, [id, me.role, reload]);

  async function revoke(invite: InviteSummary) {
    setError(null);
    try {
      await revokeInvite(invite.id);
      refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : 'Withdrawing the link didn’t work. Try again.');
    }
  }

  return (
    <>
      <title>Invitation links — SAM Room</title>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        <p className="back-link">
          <Link to={`/meetings/${encodeURIComponent(id)}`}>← Back to the meeting</Link>
        </p>
        <h1>Invitation links</h1>
        {me.role !== 'CHAIR' ? (
          <div role="alert" className="alert">
            Only the chair can manage invitation links.
          </div>
        ) : (
          <>
            <NewInviteForm meetingId={id} onCreated={refresh} />
            {error && (
              <div role="alert" className="alert">
                {error}
              </div>
            )}
            {load.status === 'loading' && <p role="status">Loading links…</p>}
            {load.status === 'error' && (
              <div role="alert" className="alert">
                {load.message}
              </div>
            )}
            {load.status === 'ready' &&
              (load.invites.length === 0 ? (
                <p className="empty">No links yet for this meeting.</p>
              ) : (
                <div className="table-wrap">
                  <p id="withdraw-hint" className="field-hint">
                    Withdrawing a link also sends away everyone who joined by it, whether waiting or admitted.
                  </p>
                  <table className="table">
                    <caption className="visually-hidden">Invitation links for this meeting</caption>
                    <thead>
                      <tr>
                        <th scope="col">Agency</th>
                        <th scope="col">Role</th>
                        <th scope="col">Works until</th>
                        <th scope="col" className="table__num">Used</th>
                        <th scope="col">State</th>
                        <th scope="col" className="table__action">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {load.invites.map((invite) => (
                        <tr key={invite.id}>
                          <td>{invite.agency.name}</td>
                          <td>{roleLabel(invite.role)}</td>
                          <td>{when(invite.expiresAt)}</td>
                          <td className="table__num">
                            {invite.uses} of {invite.maxUses}
                          </td>
                          <td>{STATE_LABEL[invite.state]}</td>
                          <td className="table__action">
                            {invite.state === 'ACTIVE' && (
                              <button type="button" className="button button--small" aria-describedby="withdraw-hint" onClick={() => void revoke(invite)}>
                                Withdraw <span className="visually-hidden">the {invite.agency.name} link</span>
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
          </>
        )}
      </main>
    </>
  );
}
