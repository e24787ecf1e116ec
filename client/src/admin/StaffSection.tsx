import { Fragment, useEffect, useState } from 'react';
import type { AdminAgency, AdminUser, SetupLink } from '../../../shared/api/admin.js';
import { useMe } from '../auth/useMe.js';
import { roleLabel } from '../format.js';
import { AddPersonForm } from './AddPersonForm.js';
import { disableStaff, enableStaff, fetchStaff, newPasswordLink, resetSecondFactor } from './api.js';
import { adminErrorMessage } from './errors.js';
import { OneTimeLink } from './OneTimeLink.js';
import { UserSessions } from './UserSessions.js';

/** A site's staff: add, disable and re-enable, new set-up links, and their sessions. */
export function StaffSection({ siteId, agencies }: { siteId: string; agencies: AdminAgency[] }) {
  const me = useMe();
  const [staff, setStaff] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [link, setLink] = useState<{ userId: string; link: SetupLink } | null>(null);

  useEffect(() => {
    setStaff(null);
    fetchStaff(siteId).then(setStaff, (err: unknown) => setError(adminErrorMessage(err)));
  }, [siteId]);

  const replace = (u: AdminUser) => setStaff((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null);

  async function act(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  const status = (u: AdminUser) => (u.disabledAt ? 'Disabled' : u.hasPassword || u.singleSignOn ? 'Active' : 'Invited');

  return (
    <section className="card admin-section" aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff</h2>
      <AddPersonForm siteId={siteId} agencies={agencies} onAdded={(u) => setStaff((list) => [...(list ?? []), u])} />
      {error && <p role="alert" className="alert">{error}</p>}
      {!staff ? <p role="status">Loading staff…</p> : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Agency</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {staff.map((u) => (
                <Fragment key={u.id}>
                  <tr>
                    <th scope="row">{u.displayName}</th>
                    <td className="admin-email">{u.email}</td>
                    <td>{u.agency.name}</td>
                    <td>{roleLabel(u.role)}{u.national ? ' (national)' : ''}</td>
                    <td>
                      <span className={`tag admin-status admin-status--${status(u).toLowerCase()}`}>{status(u)}</span>
                      {u.secondFactor && <span className="tag admin-status">Authenticator</span>}
                    </td>
                    <td className="table__action admin-actions">
                      {u.disabledAt ? (
                        <button type="button" className="button button--small" onClick={() => act(async () => replace(await enableStaff(u.id)))} aria-label={`Enable ${u.displayName}`}>Enable</button>
                      ) : u.id !== me.id && (
                        <button type="button" className="button button--small button--danger" onClick={() => act(async () => replace(await disableStaff(u.id)))} aria-label={`Disable ${u.displayName}`}>Disable</button>
                      )}
                      <button type="button" className="button button--small" onClick={() => act(async () => setLink({ userId: u.id, link: await newPasswordLink(u.id) }))} aria-label={`New password link for ${u.displayName}`}>Password link</button>
                      {u.secondFactor && (
                        <button type="button" className="button button--small" aria-label={`Reset the authenticator app of ${u.displayName}`}
                          onClick={() => {
                            if (window.confirm(`Reset ${u.displayName}’s authenticator app? They set up a new one at their next sign-in.`)) void act(async () => replace(await resetSecondFactor(u.id)));
                          }}>Reset authenticator</button>
                      )}
                      <button type="button" className="button button--small" aria-expanded={open === u.id} onClick={() => setOpen(open === u.id ? null : u.id)} aria-label={`Sessions of ${u.displayName}`}>Sessions</button>
                    </td>
                  </tr>
                  {(open === u.id || link?.userId === u.id) && (
                    <tr><td colSpan={6}>
                      {link?.userId === u.id && <OneTimeLink link={link.link} who={u.displayName} />}
                      {open === u.id && <UserSessions user={u} />}
                    </td></tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
