import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PasswordLinkInfo } from '../../../shared/api/auth.js';
import { apiPost, apiPostNoContent } from '../api/http.js';
import { adminErrorMessage } from '../admin/errors.js';

type State = { status: 'loading' } | { status: 'invalid'; message: string } | { status: 'ready'; info: PasswordLinkInfo } | { status: 'done' };

/**
 * Where a one-time set-up or reset link leads. The token is in the address's fragment, which the
 * browser never sends to a server, and the page takes it out of the address bar straight away.
 */
export function PasswordPage() {
  const [token] = useState(() => window.location.hash.slice(1));
  const [state, setState] = useState<State>({ status: 'loading' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setState({ status: 'invalid', message: 'This link is incomplete. Open the whole link you were sent.' });
      return;
    }
    apiPost('/api/auth/password-link', { token }, PasswordLinkInfo).then(
      (info) => setState({ status: 'ready', info }),
      (err: unknown) => setState({ status: 'invalid', message: adminErrorMessage(err) }),
    );
  }, [token]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords are not the same.');
      return;
    }
    setError(null);
    try {
      await apiPostNoContent('/api/auth/password', { token, password });
      setState({ status: 'done' });
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  return (
    <main className="page page--centred">
      <title>Choose a password — SAM Room</title>
      <div className="card signin">
        <h1 className="signin__title">SAM Room</h1>
        {state.status === 'loading' && <p role="status">Checking your link…</p>}
        {state.status === 'invalid' && <p role="alert" className="alert">{state.message}</p>}
        {state.status === 'done' && (
          <p role="status" className="notice">Your password is set. <Link to="/signin">Sign in</Link></p>
        )}
        {state.status === 'ready' && (
          <form onSubmit={onSubmit} noValidate>
            <p>
              {state.info.purpose === 'SETUP' ? 'Welcome' : 'Reset your password'}, {state.info.displayName} ({state.info.email}).
              Choose a password of at least 12 characters: a few unrelated words work well.
            </p>
            <input type="hidden" name="username" autoComplete="username" value={state.info.email} />
            <div className="field">
              <label htmlFor="new-password">New password</label>
              <input id="new-password" type="password" autoComplete="new-password" required value={password}
                onChange={(e) => setPassword(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'password-error' : undefined} />
            </div>
            <div className="field">
              <label htmlFor="confirm-password">Type it again</label>
              <input id="confirm-password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </div>
            {error && <p id="password-error" role="alert" className="alert">{error}</p>}
            <button type="submit" className="button button--primary button--block">Set password</button>
          </form>
        )}
      </div>
    </main>
  );
}
