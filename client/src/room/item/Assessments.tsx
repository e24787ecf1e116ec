import { useEffect, useState, type FormEvent } from 'react';
import { AssessmentRecord, ItemAssessments, type Checklist, type NewAssessment } from '../../../../shared/api/assessments.js';
import { RiskLevel } from '../../../../shared/domain.js';
import { apiGet, apiPost, ApiRequestError } from '../../api/http.js';
import { RISK_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import { formatNzDate } from '../roomTime.js';

type Load = { status: 'loading' } | { status: 'ready'; data: ItemAssessments } | { status: 'unavailable' };

const JUDGEMENT = 'judgement';

const assessmentsPath = (meetingId: string, itemId: string) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/assessments`;

/** What the server named as wrong, one line per field. */
function problemsOf(err: unknown): string[] {
  if (!(err instanceof ApiRequestError)) return ['The assessment could not be saved. Try again.'];
  const details = err.details as { issues?: { path: string; message: string }[] } | undefined;
  return details?.issues?.map((i) => `${i.path}: ${i.message}`) ?? [err.message];
}

/**
 * Structured risk assessments of the family beyond the police scores: a configured checklist an
 * agency scores, or its professional judgement with the factors behind it. Read from the records,
 * so they stay with the whānau after the meeting.
 */
export function Assessments({ meetingId, itemId, headingId }: { meetingId: string; itemId: string; headingId: string }) {
  const { canEdit } = useRoom();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    apiGet(assessmentsPath(meetingId, itemId), ItemAssessments, controller.signal).then(
      (data) => setLoad({ status: 'ready', data }),
      () => !controller.signal.aborted && setLoad({ status: 'unavailable' }),
    );
    return () => controller.abort();
  }, [meetingId, itemId]);

  if (load.status === 'unavailable') return null;
  const added = (record: AssessmentRecord) =>
    setLoad((l) => (l.status === 'ready' ? { status: 'ready', data: { ...l.data, assessments: [record, ...l.data.assessments] } } : l));
  return (
    <section className="panel-section" aria-labelledby={headingId} aria-busy={load.status === 'loading'}>
      <h3 id={headingId}>Risk assessments</h3>
      {load.status === 'loading' ? <p className="muted">Loading assessments…</p> : (
        <>
          {load.data.assessments.length === 0 && <p className="muted">No agency has added an assessment for this whānau.</p>}
          <ul className="assessments">
            {load.data.assessments.map((a) => (
              <li key={a.id} className="assessment">
                <p className="assessment__head">
                  <strong>{a.name}</strong>
                  {a.score !== null && <span>score {a.score}</span>}
                  {a.level && <span className={`risk risk--${a.level.toLowerCase()}`}>{RISK_LABELS[a.level]}</span>}
                  <span className="muted">{a.agency?.name ?? 'Agency not recorded'} · {formatNzDate(a.assessedAt.slice(0, 10))}</span>
                </p>
                {a.factors.length > 0 && <ul className="assessment__factors">{a.factors.map((f, i) => <li key={i}>{f}</li>)}</ul>}
              </li>
            ))}
          </ul>
          {canEdit && <AddAssessment meetingId={meetingId} itemId={itemId} checklists={load.data.checklists} onAdded={added} />}
        </>
      )}
    </section>
  );
}

function AddAssessment({ meetingId, itemId, checklists, onAdded }: { meetingId: string; itemId: string; checklists: Checklist[]; onAdded(record: AssessmentRecord): void }) {
  const [kind, setKind] = useState(checklists[0]?.id ?? JUDGEMENT);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [level, setLevel] = useState<RiskLevel | null>(null);
  const [factors, setFactors] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const checklist = checklists.find((c) => c.id === kind) ?? null;
  const id = (part: string) => `assess-${itemId}-${part}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: NewAssessment = checklist
      ? { kind: 'CHECKLIST', checklistId: checklist.id, answers }
      : { kind: 'PROFESSIONAL_JUDGEMENT', level: level ?? 'LOW', factors: factors.split('\n').map((f) => f.trim()).filter(Boolean) };
    if (!checklist && !level) {
      setProblems(['Choose the level your agency judges.']);
      return;
    }
    setBusy(true);
    try {
      onAdded(await apiPost(assessmentsPath(meetingId, itemId), body, AssessmentRecord));
      setAnswers({});
      setFactors('');
      setLevel(null);
      setProblems([]);
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="assessment-form">
      <summary>Add your agency’s assessment</summary>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={id('kind')}>Assessment</label>
          <select id={id('kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
            {checklists.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            <option value={JUDGEMENT}>Professional judgement</option>
          </select>
        </div>
        {checklist ? (
          <>
            {checklist.note && <p className="field-hint">{checklist.note}</p>}
            {checklist.questions.map((q) => (
              <fieldset key={q.id} className="assessment-form__question">
                <legend>{q.text}</legend>
                {([true, false] as const).map((yes) => (
                  <label key={String(yes)}>
                    <input type="radio" name={id(q.id)} checked={answers[q.id] === yes} onChange={() => setAnswers({ ...answers, [q.id]: yes })} />
                    {yes ? 'Yes' : 'No'}
                  </label>
                ))}
              </fieldset>
            ))}
          </>
        ) : (
          <>
            <fieldset className="assessment-form__question">
              <legend>Level</legend>
              {RiskLevel.options.map((l) => (
                <label key={l}>
                  <input type="radio" name={id('level')} checked={level === l} onChange={() => setLevel(l)} />
                  {RISK_LABELS[l]}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={id('factors')}>Factors (one a line)</label>
              <textarea id={id('factors')} rows={3} value={factors} onChange={(e) => setFactors(e.target.value)} />
            </div>
          </>
        )}
        {problems.length > 0 && (
          <ul className="field-error" role="alert">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        )}
        <button type="submit" className="button" disabled={busy}>{busy ? 'Saving…' : 'Add assessment'}</button>
      </form>
    </details>
  );
}
