import type { FieldError } from '../../../../shared/control.js';
import { LIMITS, setField, type ItemSnapshot, type MeetingItem, type ReportOfConcern } from '../../../../shared/meeting-doc/index.js';
import { useRoom } from '../RoomContext.js';
import { errorProps, FieldErrors } from './FieldErrors.js';
import { fieldDomId } from './fieldIds.js';

const EMPTY: ReportOfConcern = { by: '', on: null, reference: '' };

/**
 * The Report of Concern to Oranga Tamariki, recorded with a decision on that pathway: who made it,
 * when, and Oranga Tamariki's reference. Finalize refuses the pathway until all three are given.
 */
export function ReportOfConcernFields({ item, snapshot, errors }: { item: MeetingItem; snapshot: ItemSnapshot; errors: readonly FieldError[] }) {
  const { canEdit } = useRoom();
  const report = snapshot.reportOfConcern ?? EMPTY;
  const update = (patch: Partial<ReportOfConcern>) => setField(item, 'reportOfConcern', { ...report, ...patch });
  const field = (part: keyof ReportOfConcern) => `reportOfConcern.${part}`;
  const id = (part: keyof ReportOfConcern) => fieldDomId(item.id, field(part));
  return (
    <fieldset className="decision-bar__record">
      <legend>Report of Concern to Oranga Tamariki</legend>
      <div className="field">
        <label htmlFor={id('by')}>Made by</label>
        <input
          id={id('by')} value={report.by} maxLength={LIMITS.reportBy} readOnly={!canEdit}
          onChange={(e) => update({ by: e.target.value })} {...errorProps(item.id, field('by'), errors)}
        />
        <FieldErrors itemId={item.id} field={field('by')} errors={errors} />
      </div>
      <div className="field">
        <label htmlFor={id('on')}>Made on</label>
        <input
          id={id('on')} type="date" value={report.on ?? ''} readOnly={!canEdit}
          onChange={(e) => update({ on: e.target.value || null })} {...errorProps(item.id, field('on'), errors)}
        />
        <FieldErrors itemId={item.id} field={field('on')} errors={errors} />
      </div>
      <div className="field">
        <label htmlFor={id('reference')}>Oranga Tamariki reference</label>
        <input
          id={id('reference')} value={report.reference} maxLength={LIMITS.reportReference} readOnly={!canEdit}
          onChange={(e) => update({ reference: e.target.value })} {...errorProps(item.id, field('reference'), errors)}
        />
        <FieldErrors itemId={item.id} field={field('reference')} errors={errors} />
      </div>
    </fieldset>
  );
}
