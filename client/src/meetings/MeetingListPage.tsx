import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MeetingSummary, Site } from '../../../shared/api/meetings.js';
import { fetchMeetings, fetchSites } from '../api/meetings.js';
import { useMe } from '../auth/useMe.js';
import { formatMeetingDateLong, todayInNz } from '../format.js';
import { AppHeader } from '../layout/AppHeader.js';
import { MeetingTable } from './MeetingTable.js';

type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/**
 * The day's meetings for a site. The filters live in the URL (?site=&date=) so a reload, the back
 * button or a shared link keep them; without them: the user's own site, today in Pacific/Auckland.
 * An empty value means "any" (all sites, all dates).
 */
export function MeetingListPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const siteId = params.get('site') ?? me.siteId ?? '';
  const date = params.get('date') ?? todayInNz();

  const [sites, setSites] = useState<Load<Site[]>>({ status: 'loading' });
  const [meetings, setMeetings] = useState<Load<MeetingSummary[]>>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchSites(controller.signal).then(
      (data) => setSites({ status: 'ready', data }),
      (err: unknown) => !controller.signal.aborted && setSites({ status: 'error', message: messageOf(err) }),
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setMeetings({ status: 'loading' });
    fetchMeetings({ siteId: siteId || undefined, date: date || undefined }, controller.signal).then(
      (data) => setMeetings({ status: 'ready', data }),
      (err: unknown) => !controller.signal.aborted && setMeetings({ status: 'error', message: messageOf(err) }),
    );
    return () => controller.abort();
  }, [siteId, date]);

  function setFilter(name: 'site' | 'date', value: string) {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  }

  const siteList = sites.status === 'ready' ? sites.data : [];
  // Keep the chosen site selectable even before the list arrives (or if it failed to load).
  const siteKnown = siteId === '' || siteList.some((s) => s.id === siteId);

  return (
    <>
      <title>Meetings — SAM Room</title>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        <h1 id="meetings-heading">Meetings</h1>

        <form className="filters" role="search" aria-label="Find meetings" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="filter-site">Site</label>
            <select id="filter-site" value={siteId} onChange={(e) => setFilter('site', e.target.value)}>
              <option value="">All sites</option>
              {!siteKnown && <option value={siteId}>{sites.status === 'loading' ? 'Loading sites…' : siteId}</option>}
              {siteList.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-date">Date</label>
            <input id="filter-date" type="date" value={date} onChange={(e) => setFilter('date', e.target.value)} />
          </div>
          <button type="button" className="button" onClick={() => setFilter('date', todayInNz())} disabled={date === todayInNz()}>
            Today
          </button>
        </form>
        {sites.status === 'error' && (
          <div role="alert" className="alert">
            Couldn’t load the list of sites: {sites.message}
          </div>
        )}

        <p className="filters__summary" aria-live="polite">
          {date ? formatMeetingDateLong(date) : 'All dates'}
          {' · '}
          {siteId ? (siteList.find((s) => s.id === siteId)?.name ?? 'Selected site') : 'All sites'}
        </p>

        {meetings.status === 'loading' && <p role="status">Loading meetings…</p>}
        {meetings.status === 'error' && (
          <div role="alert" className="alert">
            Couldn’t load meetings: {meetings.message}
          </div>
        )}
        {meetings.status === 'ready' &&
          (meetings.data.length === 0 ? (
            <p className="empty" role="status">
              No meetings for this site and date.
            </p>
          ) : (
            <MeetingTable meetings={meetings.data} labelledBy="meetings-heading" />
          ))}
      </main>
    </>
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
