import { type FormEvent, useState } from 'react';
import type { Site } from '../../../shared/api/meetings.js';
import type { ReportRange } from './api.js';

interface Props {
  range: ReportRange;
  /** Sites the person may report on; the picker shows only when there is a choice. */
  sites: Site[];
  onChange(range: ReportRange): void;
}

/** Which site and which days: dates are Pacific/Auckland days, both ends included. */
export function RangeForm({ range, sites, onChange }: Props) {
  const [draft, setDraft] = useState(range);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="filters report-range" aria-label="Report period" onSubmit={submit}>
      {sites.length > 1 && (
        <div className="field">
          <label htmlFor="report-site">Site</label>
          <select id="report-site" value={draft.siteId} onChange={(e) => setDraft({ ...draft, siteId: e.target.value })}>
            {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="report-from">From</label>
        <input id="report-from" type="date" required value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="report-to">To</label>
        <input id="report-to" type="date" required value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      <button type="submit" className="button button--primary">Show figures</button>
    </form>
  );
}
