import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MeetingSummary } from '../../../shared/api/meetings.js';
import { ApiRequestError } from '../api/http.js';
import { fetchMeeting } from '../api/meetings.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { MeetingRoom } from '../room/MeetingRoom.js';
import { useControlPlane } from '../room/sync/useControlPlane.js';
import { useMeetingDoc } from '../room/sync/useMeetingDoc.js';

type Load = { status: 'loading' } | { status: 'ready'; meeting: MeetingSummary } | { status: 'error'; message: string };

/**
 * The meeting room. The document, its local copy and the control connection open straight away,
 * alongside the meeting's details, so the list appears as soon as either copy of it is there.
 */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const content = useMeetingDoc(id, me.id);
  const control = useControlPlane(id);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    fetchMeeting(id, controller.signal).then(
      (meeting) => setLoad({ status: 'ready', meeting }),
      (err: unknown) => !controller.signal.aborted && setLoad({ status: 'error', message: errorMessage(err) }),
    );
    return () => controller.abort();
  }, [id]);

  return (
    <>
      <AppHeader />
      <main id="main" className="room" tabIndex={-1}>
        {me.kind === 'staff' && (
          <p className="back-link">
            <Link to="/">← All meetings</Link>
          </p>
        )}
        {load.status === 'error' && (
          <>
            <title>Meeting room — SAM Room</title>
            <h1>Meeting room</h1>
            <div role="alert" className="alert">
              {load.message}
            </div>
          </>
        )}
        {(load.status === 'loading' || !content) && load.status !== 'error' && (
          <p role="status" className="room__loading">
            Opening the meeting…
          </p>
        )}
        {load.status === 'ready' && content && <MeetingRoom meeting={load.meeting} me={me} content={content} control={control} />}
      </main>
    </>
  );
}

function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 404) return 'This meeting doesn’t exist, or it has been removed.';
    if (err.status === 403) return 'You don’t have access to this meeting.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
