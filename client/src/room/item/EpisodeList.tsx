import { DateTime } from 'luxon';
import type { ReactNode } from 'react';
import type { EpisodePerson, EpisodeSnapshot } from '../../../../shared/meeting-doc/index.js';
import { PROTECTION_ORDER_LABELS, RISK_LABELS, SOURCE_LABELS } from '../labels.js';
import { formatEpisodeTime, formatNzDate } from '../roomTime.js';

/** The episodes as imported: read-only, the facts the meeting starts from. */
export function EpisodeList({ episodes, headingId }: { episodes: readonly EpisodeSnapshot[]; headingId: string }) {
  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{episodes.length === 1 ? 'Episode' : `Episodes (${episodes.length})`}</h3>
      {episodes.length === 0 && <p className="muted">No episode on this item.</p>}
      {episodes.map((e) => (
        <article key={e.policeRef} className="episode">
          <p className="episode__head">
            <strong>{e.policeRef}</strong>
            <time dateTime={e.occurredAt}>{formatEpisodeTime(e.occurredAt)}</time>
            {e.area && <span>{e.area}</span>}
            <span>{SOURCE_LABELS[e.source]}</span>
          </p>
          {e.summary && <p className="episode__summary">{e.summary}</p>}
          <dl className="facts facts--compact">
            <Fact term="Person at risk">{person(e.personAtRisk, e.occurredAt)}</Fact>
            <Fact term="Person using violence">{person(e.personUsingViolence, e.occurredAt)}</Fact>
            <Fact term="Children present">{e.childrenPresent === 0 ? 'None' : e.childrenPresent}</Fact>
            {e.children.length > 0 && (
              <Fact term={e.children.length === 1 ? 'Child named' : 'Children named'}>
                <ul className="episode__children">
                  {e.children.map((c, i) => <li key={i}>{person(c, e.occurredAt)}</li>)}
                </ul>
              </Fact>
            )}
            <Fact term="Protection order">{PROTECTION_ORDER_LABELS[e.protectionOrder]}</Fact>
            <Fact term="Weapons">{e.weapons ? 'Yes' : 'No'}</Fact>
            <Fact term="Strangulation">{e.strangulation ? 'Yes' : 'No'}</Fact>
            <Fact term="SAFVR">
              {e.safvr === null ? 'Not scored' : `${e.safvr.toFixed(2)}${e.safvrBand ? ` (${RISK_LABELS[e.safvrBand]})` : ''}`}
            </Fact>
            <Fact term="DYRA">{e.dyra ? RISK_LABELS[e.dyra] : 'Not assessed'}</Fact>
          </dl>
        </article>
      ))}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function person(p: EpisodePerson, at: string): string {
  if (!p.name) return 'Not recorded';
  if (!p.dob) return p.name;
  const age = Math.floor(DateTime.fromISO(at).diff(DateTime.fromISO(p.dob), 'years').years);
  return `${p.name}, born ${formatNzDate(p.dob)}${Number.isFinite(age) ? ` (${age})` : ''}`;
}
