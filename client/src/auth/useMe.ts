import { createContext, useContext } from 'react';
import type { Me } from '../../../shared/api/auth.js';
import type { ApiRequestError } from '../api/http.js';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; error: ApiRequestError };

export interface Auth {
  state: AuthState;
  /** Record a successful sign-in. */
  signedIn(me: Me): void;
  /** End the session on the server, then locally. */
  signOut(): Promise<void>;
  /** Ask the server again who we are (after a failed check). */
  recheck(): void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/** The signed-in user. Only for pages under <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe used outside <RequireAuth>');
  return state.me;
}
