import { Link } from 'react-router';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingStatus } from '../../../shared/domain.js';
import { ExportMenu } from './ExportMenu.js';
import { ImportEpisodes } from './ImportEpisodes.js';

/** Around the meeting rather than in it: importing the list, inviting remote people, exports. */
export function MeetingTools({ meetingId, me, status }: { meetingId: string; me: Me; status: MeetingStatus }) {
  const organiser = me.role === 'CHAIR' || me.role === 'COORDINATOR';
  const mayExport = organiser || me.role === 'REP';
  if (!organiser && !mayExport) return null;
  return (
    // Open once the meeting has closed: what is left to do then is taking the minutes and packs.
    <details className="room__tools" open={status === 'CLOSED'}>
      <summary>Import, invitations, minutes and actions</summary>
      <div className="room__tools-body">
        {organiser && me.kind === 'staff' && status !== 'CLOSED' && <ImportEpisodes meetingId={meetingId} />}
        {me.role === 'CHAIR' && status !== 'CLOSED' && (
          <section className="tool">
            <h3>Remote representatives</h3>
            <p><Link to={`/meetings/${encodeURIComponent(meetingId)}/invites`}>Create and manage invitation links</Link></p>
          </section>
        )}
        {mayExport && <ExportMenu meetingId={meetingId} me={me} status={status} />}
      </div>
    </details>
  );
}
