import type { FieldError } from '../../../../shared/control.js';
import { dissentText, LIMITS, rationaleText, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { recordedBand } from '../../../../shared/rules/decision-rules.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { RISK_LABELS } from '../labels.js';
import './decision.css';

interface Props {
  item: MeetingItem;
  snapshot: ItemSnapshot;
  errors: readonly FieldError[];
  headingId: string;
}

/** Why the meeting decided as it did, and any agency's dissent (risk, pathway and lead agency are in the decision bar). */
export function DecisionFields({ item, snapshot, errors, headingId }: Props) {
  const band = recordedBand(snapshot);
  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Rationale and dissent</h3>
      <CollabTextArea
        itemId={item.id}
        field="rationale"
        label="Rationale"
        hint={band && snapshot.riskLevel && snapshot.riskLevel !== band ? `Needed: the level differs from the tool band (${RISK_LABELS[band]}).` : undefined}
        ytext={rationaleText(item)}
        maxLength={LIMITS.rationale}
        errors={errors}
        rows={4}
      />
      <CollabTextArea itemId={item.id} field="dissent" label="Dissent (if any agency disagrees)" ytext={dissentText(item)} maxLength={LIMITS.dissent} errors={errors} rows={2} />
    </section>
  );
}
