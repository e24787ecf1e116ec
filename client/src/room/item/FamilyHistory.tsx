import { useEffect, useState } from 'react';
import type { CaseHistory, CaseOutcome } from '../../../../shared/api/records.js';
import { UNFINISHED_ACTION_STATUSES, type ActionStatus } from '../../../../shared/domain.js';
import { agencyInfo } from '../agencies.js';
import { fetchCaseHistory } from './fetchCaseHistory.js';
import { ACTION_STATUS_LABELS, ITEM_STATUS_LABELS, MEMBER_ROLE_LABELS, PATHWAY_LABELS, RISK_LABELS } from '../labels.js';
import { formatNzDate } from '../roomTime.js';

type Load = { status: 'loading' } | { status: 'ready'; history: CaseHistory } | { status: 'unavailable' };

const UNFINISHED = new Set<ActionStatus>(UNFINISHED_ACTION_STATUSES);

/**
 * The family's record from earlier meetings (GET /api/cases/:id): people, past decisions and the
 * actions the last meeting set or that are still not done — or, where the person's agency has no part in the family's record, only what
 * earlier meetings decided. Secondary to the meeting, so if the record can't be read the section
 * is simply left out rather than alarming anyone.
 */
export function FamilyHistory({ caseId, meetingId, headingId, carriedIds }: { caseId: string; meetingId: string; headingId: string; carriedIds: ReadonlySet<string> }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    if (!caseId) {
      setLoad({ status: 'unavailable' });
      return;
    }
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    fetchCaseHistory(caseId, controller.signal).then(
      (history) => setLoad({ status: 'ready', history }),
      () => !controller.signal.aborted && setLoad({ status: 'unavailable' }),
    );
    return () => controller.abort();
  }, [caseId]);

  if (load.status === 'unavailable') return null;
  return (
    <section className="panel-section" aria-labelledby={headingId} aria-busy={load.status === 'loading'}>
      <h3 id={headingId}>Whānau and history</h3>
      {load.status === 'loading' ? <p className="muted">Loading the family’s record…</p> : <HistoryBody history={load.history} meetingId={meetingId} carriedIds={carriedIds} />}
    </section>
  );
}

function HistoryBody({ history, meetingId, carriedIds }: { history: CaseHistory; meetingId: string; carriedIds: ReadonlySet<string> }) {
  const earlier = history.meetings.filter((m) => m.meetingId !== meetingId).sort((a, b) => b.date.localeCompare(a.date));
  if (history.detail === 'outcome') {
    return (
      <>
        <p className="history__summary">
          Case {history.reference}
          {history.currentRisk && <> · current risk {RISK_LABELS[history.currentRisk]}</>}
          {history.leadAgency && <> · lead {history.leadAgency.name}</>}
        </p>
        <p className="muted">
          Your agency doesn’t lead, hold an action or share information for this whānau, so its record shows you only what
          earlier meetings decided.
        </p>
        <EarlierMeetings earlier={earlier} />
      </>
    );
  }
  // What the last meeting asked of agencies, done or not, and anything older still owed; the
  // actions this item carries show where the meeting marks them instead.
  const lastDecisions = new Set(earlier[0]?.decisions.map((d) => d.id) ?? []);
  const followUp = history.actions.filter((a) => !carriedIds.has(a.id) && (UNFINISHED.has(a.status) || (a.decisionId !== null && lastDecisions.has(a.decisionId))));
  return (
    <>
      <p className="history__summary">
        Case {history.reference}
        {history.currentRisk && <> · current risk {RISK_LABELS[history.currentRisk]}</>}
        {history.leadAgency && <> · lead {history.leadAgency.name}</>}
      </p>
      {history.people.length > 0 && (
        <ul className="people">
          {history.people.map((p) => (
            <li key={`${p.id}-${p.role}`}>
              <strong>{p.name}</strong> <span className="muted">{MEMBER_ROLE_LABELS[p.role]}{p.dob && `, born ${formatNzDate(p.dob)}`}</span>
            </li>
          ))}
        </ul>
      )}
      <EarlierMeetings earlier={earlier} />
      <h4>Actions since the last meeting</h4>
      {followUp.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="history">
          {followUp.map((a) => (
            <li key={a.id}>
              <strong>{a.type}</strong> · {a.agency.name} · due {formatNzDate(a.dueDate)} ·{' '}
              <span className={a.status.startsWith('NOT_DONE') ? 'text-warning' : undefined}>{ACTION_STATUS_LABELS[a.status]}</span>
              {a.description && <p className="history__rationale">{a.description}</p>}
              {a.outcomeNote && <p className="history__rationale">Outcome: {a.outcomeNote}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A meeting in either form of the record: only the whole record carries the reasons. */
type Earlier = Omit<CaseOutcome['meetings'][number], 'decisions'> & {
  decisions: (CaseOutcome['meetings'][number]['decisions'][number] & { rationale?: string })[];
};

function EarlierMeetings({ earlier }: { earlier: Earlier[] }) {
  return (
    <>
      <h4>Earlier meetings</h4>
      {earlier.length === 0 ? (
        <p className="muted">First time at a SAM.</p>
      ) : (
        <ul className="history">
          {earlier.map((m) => {
            const latest = m.decisions.find((d) => !d.superseded) ?? m.decisions.at(-1);
            return (
              <li key={m.itemId}>
                <time dateTime={m.date}>{formatNzDate(m.date)}</time> · {ITEM_STATUS_LABELS[m.status]}
                {latest && (
                  <>
                    {' '}· {RISK_LABELS[latest.riskLevel]} · {PATHWAY_LABELS[latest.pathway]}
                    {latest.leadAgency && <> · lead {agencyInfo(latest.leadAgency).short}</>}
                    {latest.rationale && <p className="history__rationale">{latest.rationale}</p>}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
