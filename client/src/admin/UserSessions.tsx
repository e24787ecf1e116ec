import { useEffect, useState } from 'react';
import type { AdminUser, UserSession } from '../../../shared/api/admin.js';
import { formatAdminTime as when } from './adminTime.js';
import { fetchSessions, revokeSession } from './api.js';
import { adminErrorMessage } from './errors.js';

/** A person's live sessions, each of which can be ended (its open meeting connections close with it). */
export function UserSessions({ user }: { user: AdminUser }) {
  const [sessions, setSessions] = useState<UserSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchSessions(user.id).then(setSessions, (err: unknown) => setError(adminErrorMessage(err)));
  }, [user.id]);

  async function end(sessionId: string) {
    try {
      await revokeSession(user.id, sessionId);
      setSessions((s) => s?.filter((x) => x.id !== sessionId) ?? null);
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  if (error) return <p role="alert" className="alert">{error}</p>;
  if (!sessions) return <p role="status">Loading sessions…</p>;
  if (sessions.length === 0) return <p className="muted">{user.displayName} is not signed in anywhere.</p>;
  return (
    <ul className="admin-sessions" aria-label={`Sessions of ${user.displayName}`}>
      {sessions.map((s) => (
        <li key={s.id}>
          Signed in {when(s.createdAt)}, until {when(s.expiresAt)}{' '}
          <button type="button" className="button button--small" onClick={() => end(s.id)}>End this session</button>
        </li>
      ))}
    </ul>
  );
}
