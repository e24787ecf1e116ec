import { Link } from 'react-router';
import type { WorkAction } from '../../../shared/api/work.js';
import { useMe } from '../auth/useMe.js';
import { formatMeetingDateLong, todayInNz } from '../format.js';
import { AppHeader } from '../layout/AppHeader.js';
import { AgencyActions } from './AgencyActions.js';
import { fetchLedFamilies, fetchUpcomingMeetings, fetchWorkActions } from './api.js';
import { LedFamilies } from './LedFamilies.js';
import { NewMeetingForm } from './NewMeetingForm.js';
import { UpcomingMeetings } from './UpcomingMeetings.js';
import { useLoad } from './useLoad.js';
import './home.css';

const neverLoads = () => new Promise<never>(() => {});

/**
 * Home is the work between meetings: the site's meetings from today on, the agency's actions to
 * update in place, and the whānau it leads. Observers and auditors hold no actions: they see the
 * meetings only.
 */
export function HomePage() {
  const me = useMe();
  const works = me.kind === 'staff' && (me.role === 'CHAIR' || me.role === 'COORDINATOR' || me.role === 'REP');
  const today = todayInNz();
  const [meetings] = useLoad((signal) => fetchUpcomingMeetings(today, signal));
  const [actions, updateActions] = useLoad(works ? fetchWorkActions : neverLoads);
  const [families] = useLoad(works ? fetchLedFamilies : neverLoads);
  // A saved edit replaces its row, so it moves to its new group at once.
  const changed = (saved: WorkAction) => updateActions((list) => list.map((a) => (a.id === saved.id ? saved : a)));

  return (
    <>
      <title>Home — SAM Room</title>
      <AppHeader />
      <main id="main" className="page home" tabIndex={-1}>
        <h1>Kia ora, {me.displayName}</h1>
        <p className="muted">{formatMeetingDateLong(today)}</p>
        <UpcomingMeetings load={meetings}>
          <div className="home-section__tools">
            {me.siteId && (me.role === 'CHAIR' || me.role === 'COORDINATOR') && <NewMeetingForm siteId={me.siteId} />}
            <Link to="/meetings" className="button button--small">All meetings</Link>
          </div>
        </UpcomingMeetings>
        {works && (
          <>
            <AgencyActions load={actions} agencyName={me.agency.name} onChanged={changed} />
            <LedFamilies load={families} />
          </>
        )}
      </main>
    </>
  );
}
