import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { BroadcastPayload, FieldError } from '../../../../shared/control.js';
import type { MeetingStatus } from '../../../../shared/domain.js';
import { listActions, listCarried, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { decisionErrors } from '../../../../shared/rules/decision-rules.js';
import { ActionsEditor } from '../decision/ActionsEditor.js';
import { DecisionBar } from '../decision/DecisionBar.js';
import { boardRowDomId } from '../board/BoardRow.js';
import { DecisionFields } from '../decision/DecisionFields.js';
import { Assessments } from './Assessments.js';
import { CarriedActions } from './CarriedActions.js';
import { EpisodeList } from './EpisodeList.js';
import { FamilyHistory } from './FamilyHistory.js';
import { fieldDomId } from '../decision/fieldIds.js';
import { mergeErrors } from '../decision/finalizeResults.js';
import { ItemCommands } from '../chair/ItemCommands.js';
import { ItemTimer } from './ItemTimer.js';
import { flagLabel, ITEM_STATUS_LABELS, reasonTag } from '../labels.js';
import { PrepPanel } from '../prep/PrepPanel.js';
import { ResearchList } from './ResearchList.js';
import { RoomContext, useRoom } from '../RoomContext.js';
import { useChangedSinceDecision } from './useChangedSinceDecision.js';
import type { FinalizeAttempt, Finalizer } from '../decision/useFinalize.js';
import { FamilyPlan } from '../../plan/FamilyPlan.js';
import { useItemSnapshot } from './useItemSnapshot.js';
import './item.css';

interface Props {
  item: MeetingItem;
  focusId: string | null;
  focusRef: string | null;
  timer: BroadcastPayload<'timer'>;
  meetingStatus: MeetingStatus;
  finalizer: Finalizer;
  onSetFocus(id: string): void;
  onOpen(id: string): void;
  onFinalizeNext(id: string): void;
  onReopen(id: string): void;
  onShowKeys(): void;
}

const TOP_FIELDS = new Set([
  'riskLevel', 'pathway', 'leadAgency', 'rationale', 'dissent', 'actions', 'reportOfConcern.by', 'reportOfConcern.on', 'reportOfConcern.reference',
  'icmReview.victimSpecialist.status', 'icmReview.victimSpecialist.on', 'icmReview.perpetratorOutreach.status', 'icmReview.perpetratorOutreach.on',
  'icmReview.progress',
]);

/** Where an error's field is on screen, or null when no control shows it (then the summary does). */
function placedField(field: string, actionIds: ReadonlySet<string>): string | null {
  if (TOP_FIELDS.has(field)) return field;
  const [head, actionId, sub] = field.split('.');
  return head === 'actions' && actionId && actionIds.has(actionId) && sub ? field : null;
}

/** The rules' own problems are counted live as the item is fixed; the server's message stands as it said it. */
function summaryTitle(familyRef: string, problems: number, attempt: FinalizeAttempt): string {
  if (problems === 0) return 'Ready to finalize again.';
  if (attempt.serverErrors.length > 0) return attempt.message;
  return `${familyRef} can’t be finalized yet: ${problems === 1 ? 'one thing needs' : `${problems} things need`} attention.`;
}

/** Everything about the open item: the facts, what agencies hold, and what the meeting decides. */
export function ItemPanel({ item, focusId, focusRef, timer, meetingStatus, finalizer, onSetFocus, onOpen, onFinalizeNext, onReopen, onShowKeys }: Props) {
  const room = useRoom();
  const { isChair, meetingId, prep } = room;
  const snapshot = useItemSnapshot(item);
  const decided = snapshot.status === 'DECIDED';
  // A decided item is read-only for everyone until the chair reopens it.
  const itemRoom = useMemo(() => ({ ...room, canEdit: room.canEdit && !decided }), [room, decided]);
  const changed = useChangedSinceDecision(item, snapshot.decidedHash !== null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Another item starts at its top, not where the last one was scrolled to.
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // In a block: Chromium's scrollTo returns a promise, which React would take for a cleanup.
    bodyRef.current?.scrollTo(0, 0);
  }, [item.id]);
  const attempt = finalizer.attempts.get(item.id);
  const errors: FieldError[] = attempt ? mergeErrors(decisionErrors(snapshot), attempt.serverErrors) : [];
  const actionIds = new Set(listActions(item).map((a) => a.id));
  const isFocus = item.id === focusId;
  const reason = reasonTag(snapshot.reason, snapshot.flags);
  const h = (part: string) => `panel-${part}-heading`;

  // On a phone the list is above: back to this item's row in it, with the keyboard there too.
  function backToList(event: MouseEvent<HTMLAnchorElement>) {
    const row = document.getElementById(boardRowDomId(item.id));
    if (!row) return;
    event.preventDefault();
    row.scrollIntoView({ block: 'center' });
    row.querySelector<HTMLButtonElement>('.board-row__main')?.focus({ preventScroll: true });
  }

  return (
    <RoomContext value={itemRoom}>
    <section className="panel" aria-labelledby="panel-heading">
      <header className="panel__header">
        <a className="panel__to-list" href={`#${boardRowDomId(item.id)}`} onClick={backToList}>
          ↑ Back to the list
        </a>
        <div className="panel__title">
          <h2 id="panel-heading">{snapshot.familyRef}</h2>
          <span className={`status status--${snapshot.status.toLowerCase()}`}>
            {ITEM_STATUS_LABELS[snapshot.status]}
            {decided && snapshot.decidedVersion && ` · v${snapshot.decidedVersion}`}
          </span>
          {changed && <span className="status status--changed">Changed since decision</span>}
          {reason && <span className="tag">{reason}</span>}
          {isFocus ? (
            <span className="tag tag--focus">In focus</span>
          ) : (
            focusId && (
              <button type="button" className="link-button" onClick={() => onOpen(focusId)}>
                Go to the focus item{focusRef && `, ${focusRef}`}
              </button>
            )
          )}
          {!isChair && <ItemTimer timer={timer} itemId={item.id} />}
        </div>
        {snapshot.flags.length > 0 && (
          <p className="panel__flags">
            <span className="visually-hidden">Flags: </span>
            {snapshot.flags.map((f) => (
              <span key={f} className={`flag flag--${f.toLowerCase()}`}>
                {flagLabel(f)}
              </span>
            ))}
          </p>
        )}
        {isChair && (
          <ItemCommands
            itemId={item.id}
            familyRef={snapshot.familyRef}
            isFocus={isFocus}
            timer={timer}
            meetingStatus={meetingStatus}
            onSetFocus={() => onSetFocus(item.id)}
          />
        )}
        {attempt && (
          <div ref={summaryRef} id={errorSummaryId(item.id)} className="alert error-summary" role="alert" tabIndex={-1}>
            <p className="error-summary__title">{summaryTitle(snapshot.familyRef, errors.length, attempt)}</p>
            {errors.length > 0 && (
              <ul>
                {errors.map((e) => {
                  const at = placedField(e.field, actionIds);
                  return (
                    <li key={`${e.field}:${e.message}`}>
                      {at ? <a href={`#${fieldDomId(item.id, at)}`}>{e.message}</a> : e.message}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
      </header>
      <DecisionBar
        item={item}
        snapshot={snapshot}
        errors={errors}
        mayEdit={room.canEdit && meetingStatus !== 'CLOSED'}
        finalizing={finalizer.busy.has(item.id)}
        onFinalizeNext={() => onFinalizeNext(item.id)}
        onReopen={() => onReopen(item.id)}
        onShowKeys={onShowKeys}
      />
      <div ref={bodyRef} className="panel__body">
        <EpisodeList episodes={snapshot.episodes} headingId={h('episodes')} />
        <Assessments meetingId={meetingId} itemId={item.id} headingId={h('assessments')} />
        <FamilyHistory caseId={snapshot.caseId} meetingId={meetingId} headingId={h('history')} carriedIds={new Set(listCarried(item).map((c) => c.id))} />
        <CarriedActions item={item} headingId={h('carried')} />
        {snapshot.caseId && <div className="panel-section"><FamilyPlan key={snapshot.caseId} caseId={snapshot.caseId} idPrefix="panel-plan" level={3} locked={!itemRoom.canEdit} /></div>}
        <ResearchList item={item} headingId={h('research')} />
        {prep && itemRoom.canEdit && <PrepPanel key={item.id} prep={prep} itemId={item.id} headingId={h('prep')} />}
        <DecisionFields item={item} snapshot={snapshot} errors={errors} headingId={h('decision')} />
        <ActionsEditor item={item} snapshot={snapshot} errors={errors} headingId={h('actions')} />
      </div>
    </section>
    </RoomContext>
  );
}

/** The finalize error summary of an item, focused when a finalize fails (it links each problem). */
export const errorSummaryId = (itemId: string) => `error-summary-${itemId}`;
