import type { FieldError } from '../../../../shared/control.js';
import { Pathway, RiskLevel } from '../../../../shared/domain.js';
import { dissentText, LIMITS, rationaleText, setField, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { recordedBand } from '../../../../shared/rules/decision-rules.js';
import { AGENCIES } from '../agencies.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { errorProps, FieldErrors } from './FieldErrors.js';
import { fieldDomId } from './fieldIds.js';
import { PATHWAY_LABELS, RISK_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';
import './decision.css';

interface Props {
  item: MeetingItem;
  snapshot: ItemSnapshot;
  errors: readonly FieldError[];
  headingId: string;
}

/** Risk level, pathway, lead agency, rationale and dissent: what the meeting decides. */
export function DecisionFields({ item, snapshot, errors, headingId }: Props) {
  const { canEdit } = useRoom();
  const band = recordedBand(snapshot);
  const id = (field: string) => fieldDomId(item.id, field);

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Decision</h3>
      <div className="decision-grid">
        <div className="field">
          <label htmlFor={id('riskLevel')}>Risk level</label>
          <select
            id={id('riskLevel')}
            value={snapshot.riskLevel ?? ''}
            disabled={!canEdit}
            {...errorProps(item.id, 'riskLevel', errors)}
            onChange={(e) => setField(item, 'riskLevel', e.target.value ? RiskLevel.parse(e.target.value) : null)}
          >
            <option value="">Not set</option>
            {RiskLevel.options.map((r) => (
              <option key={r} value={r}>
                {RISK_LABELS[r]}
              </option>
            ))}
          </select>
          <p className="field-hint">Tool band: {band ? RISK_LABELS[band] : 'none recorded'}</p>
          <FieldErrors itemId={item.id} field="riskLevel" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor={id('pathway')}>Pathway</label>
          <select
            id={id('pathway')}
            value={snapshot.pathway ?? ''}
            disabled={!canEdit}
            {...errorProps(item.id, 'pathway', errors)}
            onChange={(e) => setField(item, 'pathway', e.target.value ? Pathway.parse(e.target.value) : null)}
          >
            <option value="">Not set</option>
            {Pathway.options.map((p) => (
              <option key={p} value={p}>
                {PATHWAY_LABELS[p]}
              </option>
            ))}
          </select>
          <FieldErrors itemId={item.id} field="pathway" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor={id('leadAgency')}>Lead agency</label>
          <select
            id={id('leadAgency')}
            value={snapshot.leadAgency ?? ''}
            disabled={!canEdit}
            {...errorProps(item.id, 'leadAgency', errors)}
            onChange={(e) => setField(item, 'leadAgency', e.target.value || null)}
          >
            <option value="">None</option>
            {AGENCIES.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldErrors itemId={item.id} field="leadAgency" errors={errors} />
        </div>
      </div>
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
