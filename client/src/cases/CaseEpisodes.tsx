import type { CaseRecord } from '../../../shared/api/records.js';
import { SOURCE_LABELS } from '../../../shared/labels.js';
import { formatEpisodeTime } from '../room/roomTime.js';

/** Every episode that brought the whānau to a meeting, newest first. */
export function CaseEpisodes({ episodes }: { episodes: CaseRecord['episodes'] }) {
  return (
    <section className="case-section" aria-labelledby="case-episodes">
      <h2 id="case-episodes">Episodes</h2>
      <ul className="case-list">
        {episodes.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{formatEpisodeTime(e.occurredAt)}</strong> · {e.area} · {SOURCE_LABELS[e.source]} · <span className="muted">{e.policeRef}</span>
            </p>
            <p className="case-text">{e.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
