import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingDetail } from '../../../shared/api/meetings.js';
import { ApiRequestError } from '../api/http.js';
import { useMe } from '../auth/useMe.js';
import { takeEarlyMeetingDetail } from '../boot/earlyRequests.js';
import { AppHeader } from '../layout/AppHeader.js';
import { MeetingRoom } from '../room/MeetingRoom.js';
import { useControlPlane } from '../room/sync/useControlPlane.js';
import { useMeetingDoc } from '../room/sync/useMeetingDoc.js';
import { ConfidentialityGate } from './ConfidentialityGate.js';
import { fetchMeetingDetail } from './enterMeeting.js';

type Load = { status: 'loading' } | { status: 'ready'; meeting: MeetingDetail } | { status: 'error'; message: string };

/**
 * The meeting room. A meeting in preparation or live opens only once this person has
 * acknowledged its confidentiality statement (the server refuses the room until then), so the
 * document and the control connection open after the meeting's details say so.
 */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    (takeEarlyMeetingDetail(id, controller.signal) ?? fetchMeetingDetail(id, controller.signal)).then(
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
        {load.status === 'loading' && (
          <p role="status" className="room__loading">
            Opening the meeting…
          </p>
        )}
        {load.status === 'ready' && (load.meeting.confidentiality.required
          ? <ConfidentialityGate meeting={load.meeting} onAcknowledged={(confidentiality) => setLoad({ status: 'ready', meeting: { ...load.meeting, confidentiality } })} />
          : <OpenRoom meeting={load.meeting} me={me} />)}
      </main>
    </>
  );
}

/** The document, its local copy and the control connection, for someone the meeting is open to. */
function OpenRoom({ meeting, me }: { meeting: MeetingDetail; me: Me }) {
  const navigate = useNavigate();
  const content = useMeetingDoc(meeting.id, me.id);
  const control = useControlPlane(meeting.id);
  // An invitee's access ends at the close: their lobby page says so and offers their agency's pack.
  const closed = control.meetingStatus?.status === 'CLOSED';
  useEffect(() => {
    if (closed && me.kind === 'invitee') navigate('/lobby', { replace: true });
  }, [closed, me.kind, navigate]);

  if (!content) {
    return (
      <p role="status" className="room__loading">
        Opening the meeting…
      </p>
    );
  }
  return <MeetingRoom meeting={meeting} me={me} content={content} control={control} />;
}

function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 404) return 'This meeting doesn’t exist, or it has been removed.';
    if (err.status === 403) return 'You don’t have access to this meeting.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
