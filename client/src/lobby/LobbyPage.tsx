import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { LobbyState } from '../../../shared/api/invites.js';
import { fetchMe } from '../api/auth.js';
import { ApiRequestError } from '../api/http.js';
import { useAuth } from '../auth/useMe.js';
import { TrainingBanner } from '../layout/TrainingBanner.js';
import { formatMeetingDateLong } from '../format.js';
import { fetchLobby } from './api.js';
import { ClosedMeetingPacks } from './ClosedMeetingPacks.js';
import { ProblemPage } from './ProblemPage.js';
import type { Problem } from './problems.js';
import './lobby.css';

const POLL_MS = 2000;

type View =
  | { status: 'loading' }
  | { status: 'waiting'; lobby: LobbyState; offline: boolean }
  | { status: 'closed'; lobby: LobbyState; packsUntil: string }
  | { status: 'problem'; problem: Problem };

/**
 * The waiting room: polls until the chair admits (then opens the meeting) or declines. An
 * invitee's room sends them back here when the meeting closes, for their agency's pack.
 */
export function LobbyPage() {
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const [view, setView] = useState<View>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const lobby = await fetchLobby(controller.signal);
        if (lobby.status === 'ADMITTED') {
          // The session now opens the meeting: tell the app who we are before going in.
          signedIn(await fetchMe(controller.signal));
          navigate(`/meetings/${encodeURIComponent(lobby.meetingId)}`, { replace: true });
          return;
        }
        if (lobby.status === 'CLOSED' && lobby.packsUntil) {
          setView({ status: 'closed', lobby, packsUntil: lobby.packsUntil });
          return;
        }
        if (lobby.status !== 'WAITING') {
          setView({ status: 'problem', problem: lobby.status });
          return;
        }
        setView({ status: 'waiting', lobby, offline: false });
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof ApiRequestError && (err.status === 401 || err.status === 403)) {
          setView({ status: 'problem', problem: 'NO_LOBBY' });
          return;
        }
        // Network trouble: keep the page and keep asking.
        setView((v) => (v.status === 'waiting' ? { ...v, offline: true } : v));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [navigate, signedIn]);

  if (view.status === 'problem') return <ProblemPage problem={view.problem} />;
  if (view.status === 'closed') return <ClosedMeetingPacks lobby={view.lobby} packsUntil={view.packsUntil} />;

  return (
    <>
      {view.status === 'waiting' && view.lobby.meeting.training && <TrainingBanner />}
      <main id="main" className="page page--centred" tabIndex={-1}>
        <title>Waiting to be admitted — SAM Room</title>
        <div className="card join">
          <p className="join__brand">SAM Room</p>
          <h1>Waiting to join</h1>
          {view.status === 'loading' ? (
            <p role="status">Checking…</p>
          ) : (
            <>
              <p role="status" className="join__waiting">
                <span className="join__spinner" aria-hidden="true" />
                Waiting for the chair to admit you…
              </p>
              <dl className="facts join__facts">
                <div>
                  <dt>Meeting</dt>
                  <dd>
                    {view.lobby.meeting.siteName} — <time dateTime={view.lobby.meeting.date}>{formatMeetingDateLong(view.lobby.meeting.date)}</time>
                  </dd>
                </div>
                <div>
                  <dt>You</dt>
                  <dd>
                    {view.lobby.displayName}, {view.lobby.agency.name}
                  </dd>
                </div>
              </dl>
              <p className="muted">Keep this page open. The meeting opens here by itself once the chair lets you in.</p>
              {view.offline && (
                <div role="alert" className="alert">
                  Can’t reach SAM Room — check your connection. This page keeps trying.
                </div>
              )}
            </>
          )}
        </div>
      </main>
    </>
  );
}
