import type { FieldError } from '../../../../shared/control.js';
import { addAction, listActions, proposerFor, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { ActionRow } from './ActionRow.js';
import { DEFAULT_DUE_DAYS } from './DecisionBar.js';
import { fieldDomId } from './fieldIds.js';
import { ACTION_TYPE_SUGGESTIONS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import { nzDatePlusDays } from '../roomTime.js';
import './decision.css';


interface Props {
  item: MeetingItem;
  snapshot: ItemSnapshot;
  errors: readonly FieldError[];
  headingId: string;
}

/** The item's actions in full: assign, date, describe (the decision bar adds them by typing). */
export function ActionsEditor({ item, snapshot, errors, headingId }: Props) {
  const { me, canEdit } = useRoom();
  const actions = listActions(item);

  function add() {
    const agency = snapshot.leadAgency ?? me.agency.code;
    const proposedBy = proposerFor({ agency: me.agency.code, role: me.role }, agency);
    const id = addAction(item, { agency, proposedBy, due: nzDatePlusDays(DEFAULT_DUE_DAYS) });
    requestAnimationFrame(() => document.getElementById(fieldDomId(item.id, `actions.${id}.type`))?.focus());
  }

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Actions</h3>
      {actions.length === 0 && <p className="muted">No actions yet.</p>}
      <datalist id="action-types">
        {ACTION_TYPE_SUGGESTIONS.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <ol className="actions">
        {actions.map((action, i) => (
          <ActionRow key={action.id} item={item} action={action} number={i + 1} errors={errors} />
        ))}
      </ol>
      {canEdit && (
        <button type="button" className="button button--small" onClick={add}>
          Add blank action
        </button>
      )}
    </section>
  );
}
