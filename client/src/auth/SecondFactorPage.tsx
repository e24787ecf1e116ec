import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Me } from '../../../shared/api/auth.js';
import { TotpEnrolment } from '../../../shared/api/second-factor.js';
import { adminErrorMessage } from '../admin/errors.js';
import { apiGet, apiPost, apiPostNoContent } from '../api/http.js';
import { AppHeader } from '../layout/AppHeader.js';
import { useAuth, useMe } from './useMe.js';
import './auth.css';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; enrolment: TotpEnrolment };

/**
 * Setting up an authenticator app: scan the QR code (or type the key), then enter its first code.
 * Administrators are sent here before anything else while local sign-in is on.
 */
export function SecondFactorPage() {
  const me = useMe();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enrolled = me.secondFactor === 'enrolled';

  useEffect(() => {
    if (enrolled) return;
    apiPost('/api/auth/second-factor/enrol', undefined, TotpEnrolment).then(
      (enrolment) => setState({ status: 'ready', enrolment }),
      (err: unknown) => setState({ status: 'failed', message: adminErrorMessage(err) }),
    );
  }, [enrolled]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiPostNoContent('/api/auth/second-factor/confirm', { code });
      const updated = await apiGet('/api/me', Me);
      signedIn(updated);
      navigate(updated.role === 'SITE_ADMIN' ? '/admin' : '/', { replace: true });
    } catch (err) {
      setError(adminErrorMessage(err));
      setBusy(false);
    }
  }

  return (
    <>
      <AppHeader />
      <main id="main" className="page second-factor">
        <title>Authenticator app — SAM Room</title>
        <h1>Set up your authenticator app</h1>
        {me.secondFactor === 'required' && (
          <p className="notice">Administrators sign in with a code from an authenticator app as well as their password. Set yours up to continue.</p>
        )}
        {enrolled ? <p role="status" className="notice">Your authenticator app is set up. An administrator can reset it if you lose it.</p>
          : state.status === 'loading' ? <p role="status">Preparing…</p>
          : state.status === 'failed' ? <p role="alert" className="alert">{state.message}</p>
          : (
            <ol className="second-factor__steps">
              <li>
                <p>In an authenticator app on your phone (such as Microsoft Authenticator or Google Authenticator), add an account by scanning this code:</p>
                <img className="second-factor__qr" src={state.enrolment.qrCode} width={240} height={240}
                  alt={`QR code for SAM Room, ${me.email ?? ''}`} />
                <p>
                  Can’t scan? Enter this key instead: <code className="second-factor__key" aria-label="Key">{state.enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </p>
              </li>
              <li>
                <form onSubmit={onSubmit} noValidate aria-busy={busy}>
                  <div className="field">
                    <label htmlFor="second-factor-code">Enter the 6-digit code the app shows</label>
                    <input id="second-factor-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required value={code}
                      onChange={(e) => setCode(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'second-factor-error' : undefined} />
                  </div>
                  {error && <p id="second-factor-error" role="alert" className="alert">{error}</p>}
                  <button type="submit" className="button button--primary" disabled={busy}>Confirm</button>
                </form>
              </li>
            </ol>
          )}
      </main>
    </>
  );
}
