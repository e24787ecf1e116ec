import { Link } from 'react-router';
import type { LedFamily } from '../../../shared/api/work.js';
import { CASE_STATUS_LABELS, RISK_LABELS } from '../../../shared/labels.js';
import { formatMeetingDate } from '../format.js';
import type { Load } from './useLoad.js';

/** The whānau the agency is lead for: the safety plan is its to work. */
export function LedFamilies({ load }: { load: Load<LedFamily[]> }) {
  return (
    <section className="home-section" aria-labelledby="led-heading">
      <h2 id="led-heading">Whānau your agency leads</h2>
      {load.status === 'loading' && <p role="status">Loading…</p>}
      {load.status === 'error' && <div role="alert" className="alert">Couldn’t load the whānau your agency leads: {load.message}</div>}
      {load.status === 'ready' &&
        (load.data.length === 0 ? (
          <p className="muted">Your agency leads no open whānau.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-labelledby="led-heading">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Risk</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="table__num">Actions not done</th>
                  <th scope="col">Last on the list</th>
                </tr>
              </thead>
              <tbody>
                {load.data.map((f) => (
                  <tr key={f.id}>
                    <td><Link to={`/cases/${encodeURIComponent(f.id)}`}>{f.reference}</Link></td>
                    <td>{f.currentRisk ? RISK_LABELS[f.currentRisk] : '—'}</td>
                    <td>{CASE_STATUS_LABELS[f.status]}</td>
                    <td className="table__num">{f.unfinishedActions}</td>
                    <td>{f.lastMeeting ? <time dateTime={f.lastMeeting}>{formatMeetingDate(f.lastMeeting)}</time> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
