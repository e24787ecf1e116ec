import type { FieldError } from '../../../../shared/control.js';
import { ActionPriority, ActionStatus } from '../../../../shared/domain.js';
import {
  LIMITS, mayConfirmAction, proposerFor, removeAction, updateAction, type ActionView, type MeetingItem,
} from '../../../../shared/meeting-doc/index.js';
import { AGENCIES, agencyInfo } from '../agencies.js';
import { CollabTextArea } from '../text/CollabTextArea.js';
import { errorProps, FieldErrors } from './FieldErrors.js';
import { fieldDomId } from './fieldIds.js';
import { ACTION_STATUS_LABELS, PRIORITY_LABELS } from '../labels.js';
import { useRoom } from '../RoomContext.js';

interface Props {
  item: MeetingItem;
  action: ActionView;
  number: number;
  errors: readonly FieldError[];
}

/**
 * One action: who does what by when. Plain fields are last-writer-wins; the description merges.
 * Its status is its agency's or the chair's to set (the server enforces it); an action another
 * agency added is their proposal until one of them confirms it.
 */
export function ActionRow({ item, action, number, errors }: Props) {
  const { canEdit, me } = useRoom();
  const author = { agency: me.agency.code, role: me.role };
  const theirs = mayConfirmAction(author, action.agency);
  const path = (field: string) => `actions.${action.id}.${field}`;
  const id = (field: string) => fieldDomId(item.id, path(field));
  const update = (patch: Parameters<typeof updateAction>[2]) => updateAction(item, action.id, patch);
  const assign = (agency: string | null) => update({ agency, proposedBy: proposerFor(author, agency) });

  return (
    <li className="action">
      <fieldset className="action__fields" disabled={!canEdit}>
        <legend>Action {number}</legend>
        <div className="action__grid">
          <div className="field">
            <label htmlFor={id('type')}>
              <span className="visually-hidden">Action {number} </span>
              Type
            </label>
            <input
              id={id('type')}
              list="action-types"
              value={action.type}
              maxLength={LIMITS.actionType}
              {...errorProps(item.id, path('type'), errors)}
              onChange={(e) => update({ type: e.target.value })}
            />
            <FieldErrors itemId={item.id} field={path('type')} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={id('agency')}>
              <span className="visually-hidden">Action {number} </span>
              Agency
            </label>
            <select id={id('agency')} value={action.agency ?? ''} {...errorProps(item.id, path('agency'), errors)} onChange={(e) => assign(e.target.value || null)}>
              <option value="">Choose…</option>
              {AGENCIES.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.short}
                </option>
              ))}
            </select>
            <FieldErrors itemId={item.id} field={path('agency')} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={id('assignee')}>
              <span className="visually-hidden">Action {number} </span>
              Assignee
            </label>
            <input id={id('assignee')} value={action.assignee} maxLength={LIMITS.assignee} onChange={(e) => update({ assignee: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={id('due')}>
              <span className="visually-hidden">Action {number} </span>
              Due (NZ date)
            </label>
            <input id={id('due')} type="date" value={action.due ?? ''} {...errorProps(item.id, path('due'), errors)} onChange={(e) => update({ due: e.target.value || null })} />
            <FieldErrors itemId={item.id} field={path('due')} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={id('priority')}>
              <span className="visually-hidden">Action {number} </span>
              Priority
            </label>
            <select id={id('priority')} value={action.priority} onChange={(e) => update({ priority: ActionPriority.parse(e.target.value) })}>
              {ActionPriority.options.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id('status')}>
              <span className="visually-hidden">Action {number} </span>
              Status
            </label>
            <select
              id={id('status')}
              value={action.status}
              disabled={!theirs || action.proposedBy !== null}
              onChange={(e) => update({ status: ActionStatus.parse(e.target.value) })}
            >
              {ActionStatus.options.map((s) => (
                <option key={s} value={s}>
                  {ACTION_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      {action.proposedBy !== null && (
        <p className="action__proposal">
          Proposed by {agencyInfo(action.proposedBy).short}
          {canEdit && theirs && (
            <>
              {' — '}
              <button type="button" className="link-button" onClick={() => update({ proposedBy: null })}>
                confirm action {number}
              </button>
            </>
          )}
        </p>
      )}
      <CollabTextArea itemId={item.id} field={path('description')} label={`Action ${number} description`} ytext={action.description} maxLength={LIMITS.actionDescription} errors={errors} rows={2} />
      {canEdit && (
        <button type="button" className="link-button link-button--danger" onClick={() => removeAction(item, action.id)}>
          Remove action {number}
        </button>
      )}
    </li>
  );
}
