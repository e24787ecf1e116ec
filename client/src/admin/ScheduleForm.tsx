import { type FormEvent, useState } from 'react';
import type { AdminSite } from '../../../shared/api/admin.js';
import { setSchedule } from './api.js';
import { adminErrorMessage } from './errors.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The site's daily SAM time and weekly ICM review day. */
export function ScheduleForm({ site, onSaved }: { site: AdminSite; onSaved: (site: AdminSite) => void }) {
  const [time, setTime] = useState(site.dailyMeetingTime);
  const [weekday, setWeekday] = useState(site.icmReviewWeekday === null ? '' : String(site.icmReviewWeekday));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    try {
      const saved = await setSchedule(site.id, { dailyMeetingTime: time, icmReviewWeekday: weekday ? Number(weekday) : null });
      onSaved(saved);
      setMessage({ kind: 'ok', text: 'Schedule saved.' });
    } catch (err) {
      setMessage({ kind: 'error', text: adminErrorMessage(err) });
    }
  }

  return (
    <section className="card admin-section" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Meeting schedule</h2>
      <form className="admin-form admin-form--row" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="schedule-time">Daily SAM starts at</label>
          <input id="schedule-time" type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="schedule-icm">Weekly ICM review</label>
          <select id="schedule-icm" value={weekday} onChange={(e) => setWeekday(e.target.value)}>
            <option value="">None</option>
            {WEEKDAYS.map((d, i) => <option key={d} value={i + 1}>{d}</option>)}
          </select>
        </div>
        <button type="submit" className="button button--primary">Save schedule</button>
      </form>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'alert' : 'notice'}>{message.text}</p>}
    </section>
  );
}
