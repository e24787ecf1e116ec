import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth/useMe.js';
import { roleLabel } from '../format.js';
import { NotificationsMenu } from '../notifications/NotificationsMenu.js';
import { TrainingBanner } from './TrainingBanner.js';

/** The bar across every signed-in page: product name, who is signed in, and Sign out. */
export function AppHeader() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setBusy(true);
    setError(null);
    try {
      await signOut();
      navigate('/signin', { replace: true });
    } catch {
      setError('Couldn’t sign out — check your connection and try again.');
      setBusy(false);
    }
  }

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      {me.trainingSite && <TrainingBanner />}
      <div className="app-header__inner">
        <Link to="/" className="app-header__brand">
          SAM Room
        </Link>
        <div className="app-header__user">
          <Link to="/meetings" className="app-header__link">
            Meetings
          </Link>
          {me.kind === 'staff' && me.role !== 'OBSERVER' && (
            <Link to="/search" className="app-header__link">
              Search
            </Link>
          )}
          {me.kind === 'staff' && ['CHAIR', 'COORDINATOR', 'AUDITOR'].includes(me.role) && (
            <Link to="/reports" className="app-header__link">
              Reports
            </Link>
          )}
          {me.kind === 'staff' && (me.role === 'CHAIR' || me.role === 'COORDINATOR' || me.role === 'REP') && <NotificationsMenu />}
          {me.role === 'AUDITOR' && (
            <>
              <Link to="/audit" className="app-header__link">
                Audit trail
              </Link>
              <Link to="/privacy" className="app-header__link">
                Privacy requests
              </Link>
            </>
          )}
          {me.role === 'SITE_ADMIN' && (
            <>
              <Link to="/admin" className="app-header__link">
                Administration
              </Link>
              <Link to="/retention" className="app-header__link">
                Retention
              </Link>
            </>
          )}
          {me.kind === 'staff' && me.secondFactor !== 'enrolled' && (
            <Link to="/second-factor" className="app-header__link">
              Authenticator app
            </Link>
          )}
          <p className="app-header__who">
            <span className="visually-hidden">Signed in as </span>
            <span className="app-header__name">{me.displayName}</span>
            <span className="app-header__meta">
              <span className="visually-hidden">, </span>
              {me.agency.name} · {roleLabel(me.role)}
            </span>
          </p>
          <button type="button" className="button" onClick={onSignOut} disabled={busy}>
            Sign out
          </button>
        </div>
      </div>
      {error && (
        <div role="alert" className="alert app-header__alert">
          {error}
        </div>
      )}
    </header>
  );
}
