import { CarriedOutcome, listCarried, mayConfirmAction, setCarriedStatus, type CarriedView, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { ActionStatus } from '../../../../shared/domain.js';
import { agencyInfo } from '../agencies.js';
import { ACTION_STATUS_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import { formatNzDate } from '../roomTime.js';

/** How the meeting says what became of an action, in its words. */
const OUTCOME_LABELS: Record<CarriedOutcome, string> = {
  DONE: 'Done',
  OPEN: 'Still open',
  NOT_DONE_CIRCUMSTANCES: 'Not done — circumstances changed',
  NOT_DONE_AGENCY: 'Not done — agency did not act',
};

function outcomeLabel(status: ActionStatus): string {
  const outcome = CarriedOutcome.safeParse(status);
  return outcome.success ? OUTCOME_LABELS[outcome.data] : ACTION_STATUS_LABELS[status];
}

/**
 * What earlier meetings asked of agencies for this family and is not done yet. The meeting marks
 * each; its agency or the chair may (the server enforces it), and finalize records the marks.
 */
export function CarriedActions({ item, headingId }: { item: MeetingItem; headingId: string }) {
  const carried = listCarried(item);
  if (carried.length === 0) return null;
  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Actions carried from earlier meetings</h3>
      <ul className="carried">
        {carried.map((c) => (
          <CarriedRow key={c.id} item={item} action={c} />
        ))}
      </ul>
    </section>
  );
}

function CarriedRow({ item, action }: { item: MeetingItem; action: CarriedView }) {
  const { canEdit, me } = useRoom();
  const mayMark = canEdit && mayConfirmAction({ agency: me.agency.code, role: me.role }, action.agency);
  const id = `carried-${item.id}-${action.id}`;
  // A status set between meetings that is not one of the meeting's outcomes (in progress) stays listed as it is.
  const choices: ActionStatus[] = CarriedOutcome.safeParse(action.status).success ? CarriedOutcome.options : [action.status, ...CarriedOutcome.options];
  return (
    <li className="carried__row">
      <div>
        <p id={`${id}-what`} className="carried__what">
          <strong>{action.type}</strong> · {agencyInfo(action.agency).name} · due {formatNzDate(action.due)}
        </p>
        {action.description && <p className="history__rationale">{action.description}</p>}
        {action.outcomeNote && <p className="history__rationale">Outcome: {action.outcomeNote}</p>}
      </div>
      <div className="field carried__mark">
        <label htmlFor={id}>Outcome</label>
        <select id={id} value={action.status} disabled={!mayMark} aria-describedby={`${id}-what`} onChange={(e) => setCarriedStatus(item, action.id, ActionStatus.parse(e.target.value))}>
          {choices.map((s) => (
            <option key={s} value={s}>{outcomeLabel(s)}</option>
          ))}
        </select>
      </div>
    </li>
  );
}
