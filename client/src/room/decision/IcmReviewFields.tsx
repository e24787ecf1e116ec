import type { FieldError } from '../../../../shared/control.js';
import { Engagement, LIMITS, setField, type IcmReview, type ItemSnapshot, type MeetingItem } from '../../../../shared/meeting-doc/index.js';
import { useRoom } from '../RoomContext.js';
import { errorProps, FieldErrors } from './FieldErrors.js';
import { fieldDomId } from './fieldIds.js';

const EMPTY: IcmReview = { victimSpecialist: { status: null, on: null }, perpetratorOutreach: { status: null, on: null }, progress: '' };
const STATUS_LABELS = { ENGAGED: 'Engaged', DECLINED: 'Declined', NOT_REACHED: 'Not reached' } as const;
const SERVICES = [['victimSpecialist', 'Victim specialist'], ['perpetratorOutreach', 'Perpetrator outreach']] as const;

/**
 * What an ICM review records beside its decision: whether the victim specialist and perpetrator
 * outreach engaged the whānau (and when), and the progress against the safety plan.
 */
export function IcmReviewFields({ item, snapshot, errors }: { item: MeetingItem; snapshot: ItemSnapshot; errors: readonly FieldError[] }) {
  const { canEdit } = useRoom();
  const review = snapshot.icmReview ?? EMPTY;
  const update = (patch: Partial<IcmReview>) => setField(item, 'icmReview', { ...review, ...patch });
  const id = (field: string) => fieldDomId(item.id, field);
  return (
    <fieldset className="decision-bar__record">
      <legend>ICM review</legend>
      {SERVICES.map(([key, label]) => {
        const status = `icmReview.${key}.status`;
        const on = `icmReview.${key}.on`;
        return (
          <div key={key} className="field">
            <label htmlFor={id(status)}>{label}</label>
            <select
              id={id(status)} value={review[key].status ?? ''} disabled={!canEdit} {...errorProps(item.id, status, errors)}
              onChange={(e) => update({ [key]: { ...review[key], status: Engagement.shape.status.parse(e.target.value || null) } })}
            >
              <option value="">Not recorded</option>
              {Object.entries(STATUS_LABELS).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
            </select>
            <FieldErrors itemId={item.id} field={status} errors={errors} />
            <label htmlFor={id(on)}>{label}: date</label>
            <input
              id={id(on)} type="date" value={review[key].on ?? ''} readOnly={!canEdit} {...errorProps(item.id, on, errors)}
              onChange={(e) => update({ [key]: { ...review[key], on: e.target.value || null } })}
            />
            <FieldErrors itemId={item.id} field={on} errors={errors} />
          </div>
        );
      })}
      <div className="field">
        <label htmlFor={id('icmReview.progress')}>Progress against the safety plan</label>
        <textarea
          id={id('icmReview.progress')} rows={2} value={review.progress} maxLength={LIMITS.icmProgress} readOnly={!canEdit}
          {...errorProps(item.id, 'icmReview.progress', errors)} onChange={(e) => update({ progress: e.target.value })}
        />
        <FieldErrors itemId={item.id} field="icmReview.progress" errors={errors} />
      </div>
    </fieldset>
  );
}
