import { type FormEvent, useCallback, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequest } from '../../../shared/api/auth.js';
import { login } from '../api/auth.js';
import { ApiRequestError } from '../api/http.js';
import type { SignInMethods } from '../../../shared/api/sign-in-methods.js';
import { OrganisationSignIn } from './OrganisationSignIn.js';
import { useAuth } from './useMe.js';

export function SignInPage() {
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Asked for after the password, for accounts with an authenticator app.
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState(true);
  const onMethods = useCallback((m: SignInMethods) => setLocal(m.local), []);

  const from = returnPath(location.state);
  if (state.status === 'signed-in' && !busy) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const credentials = LoginRequest.safeParse({ email: email.trim(), password, ...(code !== null && { code }) });
    if (!credentials.success) {
      setError(code !== null ? 'Enter the 6-digit code from your authenticator app.' : 'Enter your email address and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await login(credentials.data);
      signedIn(me);
      // Administrators have no meetings to go to: their work starts on the administration page.
      navigate(me.secondFactor === 'required' ? '/second-factor' : me.role === 'SITE_ADMIN' && from === '/' ? '/admin' : from, { replace: true });
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'SECOND_FACTOR_NEEDED') {
        setCode('');
        setError(null);
      } else {
        setError(signInErrorMessage(err));
      }
      setBusy(false);
    }
  }

  return (
    <main className="page page--centred">
      <title>Sign in — SAM Room</title>
      <div className="card signin">
        <h1 className="signin__title">SAM Room</h1>
        <p className="signin__subtitle">Safety Assessment Meeting — Integrated Safety Response</p>
        <OrganisationSignIn onMethods={onMethods} />
        {local && (
        <form onSubmit={onSubmit} noValidate aria-busy={busy}>
          <div className="field">
            <label htmlFor="signin-email">Email</label>
            <input
              id="signin-email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'signin-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'signin-error' : undefined}
            />
          </div>
          {code !== null && (
            <div className="field">
              <label htmlFor="signin-code">Code from your authenticator app</label>
              <input
                id="signin-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                required
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'signin-error' : undefined}
              />
            </div>
          )}
          {error && (
            <div id="signin-error" role="alert" className="alert">
              {error}
            </div>
          )}
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            Sign in
          </button>
        </form>
        )}
        <p className="signin__note">
          Joining a meeting from another agency? Use the invitation link the chair sent you.
        </p>
      </div>
    </main>
  );
}

function signInErrorMessage(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return 'Something went wrong. Try again.';
  switch (err.status) {
    case 401:
      return err.code === 'INVALID_CODE' ? 'That code isn’t right, or was already used. Enter the newest code.' : 'Email or password is incorrect.';
    case 429:
      return 'Too many attempts — wait a minute and try again.';
    case 400:
      return 'Enter a valid email address and your password.';
    default:
      return err.status === 0 ? err.message : 'Sign-in isn’t working right now. Try again in a moment.';
  }
}

/** Where RequireAuth was sending the user before it asked them to sign in. */
function returnPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string' && state.from.startsWith('/') && !state.from.startsWith('//')) {
    return state.from;
  }
  return '/';
}
