import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MeetingSummary } from '../../../shared/api/meetings.js';
import { ApiRequestError } from '../api/http.js';
import { fetchMeeting } from '../api/meetings.js';
import { useMe } from '../auth/useMe.js';
import { formatMeetingDateLong, itemCountLabel, meetingKindLabel } from '../format.js';
import { AppHeader } from '../layout/AppHeader.js';
import { StatusBadge } from './StatusBadge.js';

type Load = { status: 'loading' } | { status: 'ready'; meeting: MeetingSummary } | { status: 'error'; message: string };

/** Placeholder for the live meeting room: shows which meeting this is. The real room comes later. */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

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
      <title>Meeting room — SAM Room</title>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        {me.kind === 'staff' && (
          <p className="back-link">
            <Link to="/">← All meetings</Link>
          </p>
        )}
        <h1>Meeting room</h1>
        {load.status === 'loading' && <p role="status">Loading meeting…</p>}
        {load.status === 'error' && (
          <div role="alert" className="alert">
            {load.message}
          </div>
        )}
        {load.status === 'ready' && (
          <section className="card" aria-labelledby="meeting-title">
            <h2 id="meeting-title">
              {load.meeting.siteName} — {meetingKindLabel(load.meeting.kind)}
            </h2>
            <dl className="facts">
              <div>
                <dt>Site</dt>
                <dd>{load.meeting.siteName}</dd>
              </div>
              <div>
                <dt>Date</dt>
                <dd>
                  <time dateTime={load.meeting.date}>{formatMeetingDateLong(load.meeting.date)}</time>
                </dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={load.meeting.status} />
                </dd>
              </div>
              <div>
                <dt>Agenda</dt>
                <dd>{itemCountLabel(load.meeting.itemCount)}</dd>
              </div>
            </dl>
            <p className="muted">The live triage list will open here.</p>
          </section>
        )}
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
