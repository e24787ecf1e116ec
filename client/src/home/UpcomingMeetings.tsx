import type { MeetingSummary } from '../../../shared/api/meetings.js';
import { MeetingTable } from '../meetings/MeetingTable.js';
import type { Load } from './useLoad.js';

/** Today's meeting and those ahead, at the person's site. */
export function UpcomingMeetings({ load, children }: { load: Load<MeetingSummary[]>; children?: React.ReactNode }) {
  return (
    <section className="home-section" aria-labelledby="meetings-heading">
      <div className="home-section__head">
        <h2 id="meetings-heading">Meetings</h2>
        {children}
      </div>
      {load.status === 'loading' && <p role="status">Loading…</p>}
      {load.status === 'error' && <div role="alert" className="alert">Couldn’t load the calendar: {load.message}</div>}
      {load.status === 'ready' &&
        (load.data.length === 0 ? (
          <p className="empty" role="status">No meeting today or ahead yet.</p>
        ) : (
          <MeetingTable meetings={load.data} labelledBy="meetings-heading" />
        ))}
    </section>
  );
}
