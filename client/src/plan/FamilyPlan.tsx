import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CaseHistory } from '../../../shared/api/records.js';
import { PLAN_LIMITS, planText, privateText, reviewDateOf, setReviewDate } from '../../../shared/plan-doc/index.js';
import { useMe } from '../auth/useMe.js';
import { fetchCase } from '../cases/api.js';
import { PlanDownloads } from './PlanDownloads.js';
import { PlanText } from './PlanText.js';
import { PlanVersions } from './PlanVersions.js';
import { Strategies } from './Strategies.js';
import { usePlanDoc } from './usePlanDoc.js';
import './plan.css';

/** Roles that never open a plan (the server refuses them): auditors read records, administrators run accounts. */
const NO_PLAN = new Set(['AUDITOR', 'SITE_ADMIN']);

/**
 * The whānau's safety plan, written live by everyone working with the family: on the case page and
 * beside the item in the room. The victim's voice and safe contact are a separate document only the
 * lead agency and the victim specialist open.
 */
export function FamilyPlan({ caseId, idPrefix, level = 2, locked = false }: {
  caseId: string;
  idPrefix: string;
  /** Its heading's level where it is shown. */
  level?: 2 | 3;
  /** Shown but not edited here: beside an item once it is decided or the meeting has closed (the record page stays open for it). */
  locked?: boolean;
}) {
  const me = useMe();
  const [history, setHistory] = useState<CaseHistory | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setHistory(null);
    fetchCase(caseId, controller.signal).then(setHistory, () => {});
    return () => controller.abort();
  }, [caseId]);

  const opens = me.kind === 'staff' && !NO_PLAN.has(me.role) && history?.detail === 'full';
  const leads = opens && history?.leadAgency?.code === me.agency.code;
  const readsPrivate = leads || (opens && me.agency.kind === 'VICTIM_SPECIALIST');
  const plan = usePlanDoc(caseId, 'plan', opens);
  const priv = usePlanDoc(caseId, 'plan-private', readsPrivate);
  if (!opens) return null;

  const closed = history?.planKept === true;
  const readOnly = locked || closed || me.role === 'OBSERVER';
  const h = (part: string) => `${idPrefix}-${part}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  const risks = plan && planText(plan.doc, 'risks');
  const children = plan && planText(plan.doc, 'children');
  const voice = priv && privateText(priv.doc, 'voice');
  const safeContact = priv && privateText(priv.doc, 'safeContact');

  return (
    <section className="plan" aria-labelledby={h('heading')}>
      <Heading id={h('heading')}>Safety plan</Heading>
      {closed && <p className="field-hint">The whānau’s case is closed, so its plan is kept as it was.</p>}
      {level === 3 && <p><Link to={`/cases/${encodeURIComponent(caseId)}`} target="_blank">Open the whānau record</Link> (a new tab)</p>}
      {!risks || !children ? (
        <p className="muted" role="status">Opening the plan…</p>
      ) : (
        <>
          <PlanText id={h('risks')} label="Risks and needs" ytext={risks} maxLength={PLAN_LIMITS.section} readOnly={readOnly} />
          <Strategies doc={plan.doc} prefix={idPrefix} readOnly={readOnly} />
          <PlanText id={h('children')} label="Children’s safety" ytext={children} maxLength={PLAN_LIMITS.section} readOnly={readOnly} />
          <div className="field plan-review">
            <label htmlFor={h('review')}>Review date</label>
            <input id={h('review')} type="date" value={reviewDateOf(plan.doc) ?? ''} readOnly={readOnly} onChange={(e) => setReviewDate(plan.doc, e.target.value || null)} />
          </div>
        </>
      )}
      {readsPrivate && (
        <fieldset className="plan-private">
          <legend>Victim’s voice and safe contact</legend>
          <p className="field-hint">Only the lead agency and the victim specialist see this part.</p>
          {voice && safeContact ? (
            <>
              <PlanText id={h('voice')} label="Victim’s voice" ytext={voice} maxLength={PLAN_LIMITS.section} readOnly={readOnly} />
              <PlanText id={h('safe-contact')} label="Safe contact arrangements" ytext={safeContact} maxLength={PLAN_LIMITS.section} readOnly={readOnly} />
            </>
          ) : (
            <p className="muted" role="status">Opening…</p>
          )}
        </fieldset>
      )}
      <PlanVersions caseId={caseId} headingId={h('versions')} />
      {leads && <PlanDownloads caseId={caseId} />}
    </section>
  );
}
