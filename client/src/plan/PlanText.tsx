import type * as Y from 'yjs';
import { useYText } from '../room/text/useYText.js';
import '../room/text/text.css';

interface Props {
  id: string;
  label: string;
  hint?: string;
  ytext: Y.Text;
  maxLength: number;
  readOnly: boolean;
  rows?: number;
}

/** A plan section everyone types into at once: the room's text binding keeps each caret in place. */
export function PlanText({ id, label, hint, ytext, maxLength, readOnly, rows = 4 }: Props) {
  const ref = useYText(ytext, readOnly);
  return (
    <div className="field plan-text">
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      <textarea id={id} ref={ref} className="collab-textarea" rows={rows} maxLength={maxLength} readOnly={readOnly} spellCheck aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}
