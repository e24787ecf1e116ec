import { useCallback } from 'react';
import type { FieldError } from '../../../../shared/control.js';
import type { AgencyCode } from '../../../../shared/domain.js';
import {
  addAction, LIMITS, proposerFor, rationaleText, setField, setFields, type ItemSnapshot, type MeetingItem,
} from '../../../../shared/meeting-doc/index.js';
import { decisionErrors, decisionWarnings, pathwayNeedsAction, rationaleReason, recordedBand } from '../../../../shared/rules/decision-rules.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { agencyInfo, type AgencyInfo } from '../agencies.js';
import { PATHWAY_LABELS, RISK_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import { nzDatePlusDays } from '../roomTime.js';
import { decisionControlId, FINALIZE_BUTTON_ID, focusDecision } from './decisionFocus.js';
import { errorProps, FieldErrors, FieldWarnings } from './FieldErrors.js';
import { IcmReviewFields } from './IcmReviewFields.js';
import { ReportOfConcernFields } from './ReportOfConcernFields.js';
import { actionChoices, agencyChoices, pathwayChoices, type ActionChoice, type PathwayChoice } from './quickChoices.js';
import { RiskPicker } from './RiskPicker.js';
import { TypeAhead } from './TypeAhead.js';
import './decision-bar.css';

/** A week is the usual turnaround agreed at the table; the due date stays editable below. */
export const DEFAULT_DUE_DAYS = 7;

interface Props {
  item: MeetingItem;
  snapshot: ItemSnapshot;
  /** The rule errors of the last finalize attempt, shown at their fields. */
  errors: readonly FieldError[];
  /** The room's rights before the item's own state (a decided item is read-only until reopened). */
  mayEdit: boolean;
  finalizing: boolean;
  onFinalizeNext(): void;
  onReopen(): void;
  onShowKeys(): void;
}

const pathwayKey = (c: PathwayChoice) => `${c.pathway}:${c.leadAgency ?? ''}`;
const pathwayLabel = (c: PathwayChoice) => c.label;
const agencyKey = (a: AgencyInfo) => a.code;
const agencyLabel = (a: AgencyInfo) => a.name;
const actionKey = (a: ActionChoice) => `${a.agency}:${a.type}`;
const actionLabel = (a: ActionChoice) => a.label;

/** Risk · pathway · lead agency · actions, in words. */
function outcome(s: ItemSnapshot): string {
  return [
    s.riskLevel ? `${RISK_LABELS[s.riskLevel]} risk` : 'Risk not set',
    s.pathway ? PATHWAY_LABELS[s.pathway] : 'no pathway yet',
    s.leadAgency && `led by ${agencyInfo(s.leadAgency).short}`,
    s.actions.length > 0 && `${s.actions.length} action${s.actions.length === 1 ? '' : 's'}`,
  ].filter(Boolean).join(' · ');
}

/**
 * The decision for the open item, pinned above its details so the chair never scrolls for it: risk
 * from the tool band, pathway and lead agency by typing, actions by typing, then finalize and on to
 * the next item. A level other than the band's brings the rationale up here, since it is then
 * part of the decision. Every step works by mouse as well: a click on a picker lists its choices.
 */
export function DecisionBar({ item, snapshot, errors, mayEdit, finalizing, onFinalizeNext, onReopen, onShowKeys }: Props) {
  const { isChair, me } = useRoom();
  const band = recordedBand(snapshot);
  const decided = snapshot.status === 'DECIDED';
  const needsAction = snapshot.pathway !== null && pathwayNeedsAction(snapshot.pathway);
  const missing = decisionErrors(snapshot);
  const whyRationale = rationaleReason(snapshot);
  const id = (part: Parameters<typeof decisionControlId>[1]) => decisionControlId(item.id, part);
  const next = (part: Parameters<typeof focusDecision>[1]) => focusDecision(item.id, part);

  const pickPathway = useCallback(
    (choice: PathwayChoice) => {
      setFields(item, { pathway: choice.pathway, ...(choice.leadAgency && { leadAgency: choice.leadAgency }) });
      const lead = choice.leadAgency ?? snapshot.leadAgency;
      if (!pathwayNeedsAction(choice.pathway)) focusDecision(item.id, isChair ? 'finalize' : 'risk');
      else focusDecision(item.id, lead ? 'action' : 'lead');
    },
    [item, snapshot.leadAgency, isChair],
  );
  const pickLead = useCallback(
    (agency: AgencyInfo) => {
      setField(item, 'leadAgency', agency.code);
      focusDecision(item.id, snapshot.actions.length === 0 ? 'action' : 'finalize');
    },
    [item, snapshot.actions.length],
  );
  const defaultAgency: AgencyCode = snapshot.leadAgency ?? me.agency.code;
  const choicesForAction = useCallback((query: string) => actionChoices(query, defaultAgency), [defaultAgency]);
  const pickAction = useCallback(
    (choice: ActionChoice) =>
      addAction(item, {
        type: choice.type, agency: choice.agency, due: nzDatePlusDays(DEFAULT_DUE_DAYS),
        proposedBy: proposerFor({ agency: me.agency.code, role: me.role }, choice.agency),
      }),
    [item, me],
  );

  if (decided || !mayEdit) {
    return (
      <section className="decision-bar decision-bar--summary" aria-label="Decision">
        <p className="decision-bar__outcome">
          {decided && <span className="status status--decided">Decided{snapshot.decidedVersion ? ` — version ${snapshot.decidedVersion}` : ''}</span>}{' '}
          {outcome(snapshot)}
        </p>
        {decided && mayEdit && (
          <p className="field-hint decision-bar__locked">Read-only since the decision.{isChair ? ' Reopen it to change anything.' : ' The chair can reopen it.'}</p>
        )}
        {decided && isChair && mayEdit && (
          <button type="button" className="button button--small" onClick={onReopen}>
            Reopen decision
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="decision-bar" aria-label="Decision">
      <RiskPicker
        id={id('risk')}
        value={snapshot.riskLevel}
        band={band}
        lastDecided={snapshot.lastDecidedRisk}
        invalid={errorProps(item.id, 'riskLevel', errors)}
        onChange={(level) => setField(item, 'riskLevel', level)}
        onKeyboardDone={(level) => next(rationaleReason({ ...snapshot, riskLevel: level }) ? 'rationale' : 'pathway')}
      >
        <FieldErrors itemId={item.id} field="riskLevel" errors={errors} />
      </RiskPicker>
      {whyRationale && (
        <div className="decision-bar__rationale">
          <CollabTextArea
            itemId={item.id}
            field="rationale"
            label="Rationale"
            hint={`Needed: ${whyRationale}. Tab goes on to the pathway.`}
            ytext={rationaleText(item)}
            maxLength={LIMITS.rationale}
            errors={errors}
            rows={2}
          />
        </div>
      )}
      <div>
        <TypeAhead
          id={id('pathway')}
          label="Pathway"
          placeholder="e.g. lead pol, nfa, icm"
          choices={pathwayChoices}
          itemKey={pathwayKey}
          itemLabel={pathwayLabel}
          onPick={pickPathway}
          hint={snapshot.pathway ? PATHWAY_LABELS[snapshot.pathway] : 'Not chosen'}
          invalid={errorProps(item.id, 'pathway', errors)}
        />
        <FieldErrors itemId={item.id} field="pathway" errors={errors} />
        <FieldWarnings warnings={decisionWarnings(snapshot)} />
      </div>
      {snapshot.pathway === 'OT_REPORT_OF_CONCERN' && <ReportOfConcernFields item={item} snapshot={snapshot} errors={errors} />}
      {snapshot.reason === 'ICM_REVIEW' && <IcmReviewFields item={item} snapshot={snapshot} errors={errors} />}
      {needsAction && (
        <div>
          <TypeAhead
            id={id('lead')}
            label="Lead agency"
            placeholder="e.g. ot, health"
            choices={agencyChoices}
            itemKey={agencyKey}
            itemLabel={agencyLabel}
            onPick={pickLead}
            hint={snapshot.leadAgency ? agencyInfo(snapshot.leadAgency).name : 'Not chosen'}
            invalid={errorProps(item.id, 'leadAgency', errors)}
          />
          <FieldErrors itemId={item.id} field="leadAgency" errors={errors} />
        </div>
      )}
      <div>
        <TypeAhead
          id={id('action')}
          label="Add action"
          placeholder="e.g. home visit, ot safety plan"
          choices={choicesForAction}
          itemKey={actionKey}
          itemLabel={actionLabel}
          onPick={pickAction}
          hint={snapshot.actions.length === 0 ? 'No actions yet' : snapshot.actions.map((a) => `${a.type || 'Untitled'} (${agencyInfo(a.agency ?? '').short})`).join(', ')}
          invalid={errorProps(item.id, 'actions', errors)}
        />
        <FieldErrors itemId={item.id} field="actions" errors={errors} />
      </div>
      <div className="decision-bar__finish">
        {isChair && (
          <button
            type="button"
            id={FINALIZE_BUTTON_ID}
            className="button button--primary"
            aria-keyshortcuts="Control+Enter"
            disabled={finalizing}
            onClick={onFinalizeNext}
          >
            {finalizing ? 'Finalizing…' : 'Finalize & next'} <kbd aria-hidden="true">Ctrl+Enter</kbd>
          </button>
        )}
        <p className="field-hint decision-bar__missing">
          {missing.length === 0 ? 'Ready to finalize.' : `Still needed: ${missing.map((e) => e.message.toLowerCase()).slice(0, 3).join('; ')}${missing.length > 3 ? '…' : ''}`}
        </p>
        <button type="button" className="link-button decision-bar__keys" aria-keyshortcuts="Shift+?" onClick={onShowKeys}>
          Keyboard help (?)
        </button>
      </div>
    </section>
  );
}
