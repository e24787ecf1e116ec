import { useEffect, useState } from 'react';
import { SignInMethods } from '../../../shared/api/sign-in-methods.js';
import { apiGet } from '../api/http.js';
import './auth.css';

/** A button per configured identity provider; tells the page whether local passwords are on. */
export function OrganisationSignIn({ onMethods }: { onMethods: (m: SignInMethods) => void }) {
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  useEffect(() => {
    apiGet('/api/auth/methods', SignInMethods).then((m) => {
      setMethods(m);
      onMethods(m);
    }, () => undefined);
  }, [onMethods]);
  if (!methods || methods.providers.length === 0) return null;
  return (
    <div className="signin__providers">
      {methods.providers.map((p) => (
        // A full navigation: the provider's page takes over, then returns to the callback.
        <a key={p.id} className="button button--primary button--block" href={`/api/auth/oidc/login?provider=${encodeURIComponent(p.id)}`}>
          Sign in with {p.name}
        </a>
      ))}
      {methods.local && <p className="signin__or">or with your email and password</p>}
    </div>
  );
}
