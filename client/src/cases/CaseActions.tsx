import type { CaseRecord } from '../../../shared/api/records.js';
import { ACTION_STATUS_LABELS } from '../../../shared/labels.js';
import { formatEpisodeTime, formatNzDate } from '../room/roomTime.js';

/** Every action any meeting set for the whānau, with each change to its status: who, when, where. */
export function CaseActions({ actions }: { actions: CaseRecord['actions'] }) {
  return (
    <section className="case-section" aria-labelledby="case-actions">
      <h2 id="case-actions">Actions</h2>
      {actions.length === 0 && <p className="muted">No actions yet.</p>}
      <ul className="case-list">
        {actions.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{a.type}</strong> · {a.agency.name} · due {formatNzDate(a.dueDate)} · <span className="case-status">{ACTION_STATUS_LABELS[a.status]}</span>
            </p>
            {a.description && <p className="case-text">{a.description}</p>}
            {a.outcomeNote && <p className="case-text"><span className="case-label">Outcome</span> {a.outcomeNote}</p>}
            <ol className="case-history" aria-label={`History of ${a.type}`}>
              <li>Set {formatEpisodeTime(a.createdAt)}</li>
              {a.history.map((h) => (
                <li key={h.at}>
                  {formatEpisodeTime(h.at)}: {h.from ? ACTION_STATUS_LABELS[h.from] : '—'} → {ACTION_STATUS_LABELS[h.to]} by {h.by}
                  {h.meetingId ? ' in the meeting' : ' between meetings'}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}
