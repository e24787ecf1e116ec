import { type ReactNode, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../shared/api/auth.js';
import { fetchMe, logout } from '../api/auth.js';
import { ApiRequestError, onSessionExpired } from '../api/http.js';
import { takeEarlyMe } from '../boot/earlyRequests.js';
import { type Auth, AuthContext, type AuthState } from './useMe.js';

/** Loads the session once (GET /api/me) and shares it with the whole app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    (takeEarlyMe() ?? fetchMe(controller.signal)).then(
      // A transition: while the landing page's code is still on its way, the page keeps showing
      // "Loading…" rather than a Suspense fallback, after which React would hold the page back
      // for 300 ms once the code arrived.
      (me) => startTransition(() => setState({ status: 'signed-in', me })),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiRequestError && err.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'error', error: toApiError(err) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => onSessionExpired(() => setState({ status: 'signed-out' })), []);

  const signedIn = useCallback((me: Me) => setState({ status: 'signed-in', me }), []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (err) {
      // Already signed out on the server is fine; anything else leaves the session alive.
      if (!(err instanceof ApiRequestError && err.status === 401)) throw err;
    }
    setState({ status: 'signed-out' });
  }, []);

  const recheck = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const auth = useMemo<Auth>(() => ({ state, signedIn, signOut, recheck }), [state, signedIn, signOut, recheck]);
  return <AuthContext value={auth}>{children}</AuthContext>;
}

function toApiError(err: unknown): ApiRequestError {
  if (err instanceof ApiRequestError) return err;
  return new ApiRequestError(0, 'UNKNOWN', err instanceof Error ? err.message : String(err));
}
