import { useEffect } from 'react';
import type * as Y from 'yjs';
import type { FieldError } from '../../../../shared/control.js';
import { agencyInfo } from '../agencies.js';
import { errorProps, FieldErrors } from '../decision/FieldErrors.js';
import { fieldDomId } from '../decision/fieldIds.js';
import { usePeersInRoom } from '../presence/PeersContext.js';
import { useRoom } from '../RoomContext.js';
import { setEditing } from '../presence/useAwareness.js';
import { useYText } from './useYText.js';
import './text.css';

interface Props {
  itemId: string;
  /** The field's path as the rules name it (`rationale`, `actions.<id>.description`). */
  field: string;
  label: string;
  ytext: Y.Text;
  maxLength: number;
  hint?: string;
  errors?: readonly FieldError[];
  readOnly?: boolean;
  rows?: number;
}

/** A co-edited text field: everyone types into the same Y.Text and sees who else is in it. */
export function CollabTextArea({ itemId, field, label, ytext, maxLength, hint, errors = [], readOnly = false, rows = 3 }: Props) {
  const { awareness, canEdit } = useRoom();
  const locked = readOnly || !canEdit;
  const ref = useYText(ytext, locked);
  const id = fieldDomId(itemId, field);
  const typing = usePeersInRoom().filter((p) => p.viewing === itemId && p.editing === field);
  const invalid = errorProps(itemId, field, errors);

  // A field locked under someone (the meeting closed, their access ended) is no longer being edited.
  useEffect(() => {
    if (locked && awareness.getLocalState()?.editing === field) setEditing(awareness, null);
  }, [locked, awareness, field]);
  const describedBy = [hint && `${id}-hint`, invalid['aria-describedby']].filter(Boolean).join(' ') || undefined;

  return (
    <div className="field collab-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        ref={ref}
        className="collab-textarea"
        rows={rows}
        maxLength={maxLength}
        readOnly={locked}
        spellCheck
        aria-invalid={invalid['aria-invalid']}
        aria-describedby={describedBy}
        onFocus={() => !locked && setEditing(awareness, field)}
        onBlur={() => setEditing(awareness, null)}
      />
      {typing.length > 0 && (
        <p className="typing">
          {typing.map((p) => (
            <span key={p.clientId} className="typing__who">
              <span className="typing__dot" style={{ background: agencyInfo(p.agency).color }} aria-hidden="true" />
              {p.name} ({agencyInfo(p.agency).short})
            </span>
          ))}{' '}
          {typing.length === 1 ? 'is editing here' : 'are editing here'}
        </p>
      )}
      <FieldErrors itemId={itemId} field={field} errors={errors} />
    </div>
  );
}
