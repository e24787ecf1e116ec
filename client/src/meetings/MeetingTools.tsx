import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingStatus } from '../../../shared/domain.js';
import { ExportMenu } from './ExportMenu.js';
import { ImportEpisodes } from './ImportEpisodes.js';
import './meetings.css';

/**
 * Around the meeting rather than in it: importing the list, inviting remote people, exports. A
 * menu in the room's header; Escape or a click elsewhere closes it.
 */
export function MeetingTools({ meetingId, me, status }: { meetingId: string; me: Me; status: MeetingStatus }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const organiser = me.role === 'CHAIR' || me.role === 'COORDINATOR';
  const mayExport = organiser || me.role === 'REP';

  useEffect(() => {
    const close = (event: Event) => {
      const el = menu.current;
      if (!el?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !el.contains(event.target as Node)) {
        el.open = false;
        if (event instanceof KeyboardEvent) el.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, []);

  // Opens when the meeting closes: what is left to do then is taking the minutes and packs.
  const closed = status === 'CLOSED';
  useEffect(() => {
    if (closed && menu.current) menu.current.open = true;
  }, [closed]);

  if (!organiser && !mayExport) return null;
  return (
    <details ref={menu} className="room-tools">
      <summary className="button room-tools__toggle">{organiser && !closed ? 'Import, invitations, minutes' : 'Minutes and actions'}</summary>
      <div className="room-tools__body">
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
