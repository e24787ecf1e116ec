import type { FieldError } from '../../../../shared/control.js';
import { dissentText, LIMITS, rationaleText, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { rationaleReason } from '../../../../shared/rules/decision-rules.js';
import { useRoom } from '../RoomContext.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import './decision.css';

interface Props {
  item: MeetingItem;
  snapshot: ItemSnapshot;
  errors: readonly FieldError[];
  headingId: string;
}

/**
 * Why the meeting decided as it did, and any agency's dissent. Risk, pathway and lead agency are in
 * the decision bar, and so is the rationale while it is needed and can be written (one field, one id).
 */
export function DecisionFields({ item, snapshot, errors, headingId }: Props) {
  const { canEdit } = useRoom();
  const rationaleInBar = canEdit && rationaleReason(snapshot) !== null;
  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{rationaleInBar ? 'Dissent' : 'Rationale and dissent'}</h3>
      {!rationaleInBar && (
        <CollabTextArea itemId={item.id} field="rationale" label="Rationale" ytext={rationaleText(item)} maxLength={LIMITS.rationale} errors={errors} rows={4} />
      )}
      <CollabTextArea itemId={item.id} field="dissent" label="Dissent (if any agency disagrees)" ytext={dissentText(item)} maxLength={LIMITS.dissent} errors={errors} rows={2} />
    </section>
  );
}
