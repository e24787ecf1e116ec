import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { MeetingSummary } from '../../../shared/api/meetings.js';
import { MeetingKind } from '../../../shared/domain.js';
import { apiPost } from '../api/http.js';
import { meetingKindLabel, todayInNz } from '../format.js';

/** The coordinator's (or chair's) new meeting for their site: a daily SAM or an ICM review on a date. */
export function NewMeetingForm({ siteId }: { siteId: string }) {
  const id = useId();
  const navigate = useNavigate();
  const [date, setDate] = useState(todayInNz());
  const [kind, setKind] = useState<MeetingKind>('DAILY_SAM');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const meeting = await apiPost('/api/meetings', { siteId, date, kind }, MeetingSummary);
      navigate(`/meetings/${encodeURIComponent(meeting.id)}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <details className="new-meeting">
      <summary className="button button--small">New meeting</summary>
      <form className="new-meeting__form" onSubmit={create} aria-label="New meeting">
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(MeetingKind.parse(e.target.value))}>
            {MeetingKind.options.map((k) => (
              <option key={k} value={k}>{meetingKindLabel(k)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={busy || !date}>
          {busy ? 'Creating…' : 'Create meeting'}
        </button>
        <p className="muted new-meeting__hint">Whānau deferred or with actions not yet done are put on its list.</p>
        {error && <p role="alert" className="alert new-meeting__hint">{error}</p>}
      </form>
    </details>
  );
}
