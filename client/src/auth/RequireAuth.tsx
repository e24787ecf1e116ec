import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './useMe.js';

const SECOND_FACTOR = '/second-factor';

/** Layout route: renders its pages only for a signed-in session, otherwise sends the user to /signin. */
export function RequireAuth() {
  const { state, recheck } = useAuth();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return (
        <main className="page page--centred">
          <p role="status">Loading…</p>
        </main>
      );
    case 'error':
      return (
        <main className="page page--centred">
          <div role="alert" className="alert">
            {state.error.message}
          </div>
          <button type="button" className="button" onClick={recheck}>
            Try again
          </button>
        </main>
      );
    case 'signed-out':
      return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
    case 'signed-in': {
      // An invitee is admitted to one meeting only: everything else leads back to it.
      const { kind, meetingId } = state.me;
      const ownRoom = kind === 'invitee' && meetingId ? `/meetings/${encodeURIComponent(meetingId)}` : null;
      if (ownRoom && location.pathname !== ownRoom) return <Navigate to={ownRoom} replace />;
      // An administrator without a second factor does nothing else first (the server refuses it too).
      if (state.me.secondFactor === 'required' && location.pathname !== SECOND_FACTOR) return <Navigate to={SECOND_FACTOR} replace />;
      return <Outlet />;
    }
  }
}
