import { Link } from 'react-router';
import type { CaseHistory } from '../../../shared/api/records.js';
import { RISK_LABELS } from '../../../shared/labels.js';
import { agencyInfo } from '../room/agencies.js';
import { formatEpisodeTime, formatNzDate } from '../room/roomTime.js';
import { ITEM_STATUS_LABELS, PATHWAY_LABELS, REASON_LABELS } from '../room/labels.js';

/** Every meeting the whānau was discussed at, each decision with its versions, and (in the whole record) rationale and dissent. */
export function CaseMeetings({ history }: { history: CaseHistory }) {
  return (
    <section className="case-section" aria-labelledby="case-meetings">
      <h2 id="case-meetings">Meetings and decisions</h2>
      {history.meetings.length === 0 && <p className="muted">Not yet discussed at a meeting.</p>}
      <ol className="case-meetings">
        {history.meetings.map((m) => (
          <li key={m.itemId}>
            <h3>
              <Link to={`/meetings/${encodeURIComponent(m.meetingId)}`}>{formatNzDate(m.date)}</Link>{' '}
              <span className="muted">· {ITEM_STATUS_LABELS[m.status]}{'reason' in m && ` · ${REASON_LABELS[m.reason]}`}</span>
            </h3>
            {m.decisions.length === 0 && <p className="muted">No decision recorded.</p>}
            {m.decisions.map((d) => (
              <div key={d.id} className={d.superseded ? 'decision decision--superseded' : 'decision'}>
                <p>
                  <strong>Version {d.version}</strong>
                  {d.superseded && <span className="tag"> superseded</span>} · {RISK_LABELS[d.riskLevel]} risk · {PATHWAY_LABELS[d.pathway]}
                  {d.leadAgency && <> · lead {agencyInfo(d.leadAgency).name}</>} · <span className="muted">decided {formatEpisodeTime(d.decidedAt)}</span>
                </p>
                {'rationale' in d && d.rationale && <p className="case-text"><span className="case-label">Rationale</span> {d.rationale}</p>}
                {'dissent' in d && d.dissent && <p className="case-text"><span className="case-label">Dissent</span> {d.dissent}</p>}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
