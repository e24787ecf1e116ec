import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { WorkAction } from '../../../shared/api/work.js';
import { ActionStatus } from '../../../shared/domain.js';
import { ACTION_STATUS_LABELS, PRIORITY_LABELS } from '../../../shared/labels.js';
import { formatMeetingDate } from '../format.js';

/** Matches the server's limit on an outcome note (shared/api/records.ts). */
const NOTE_MAX = 2000;

interface Props {
  action: WorkAction;
  /** Saves and resolves once the server has it; rejects with the reason it didn't. */
  onSave(status: ActionStatus, outcomeNote: string): Promise<void>;
}

/** One action, its status and outcome note editable where it stands. */
export function ActionRow({ action, onSave }: Props) {
  const id = useId();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [note, setNote] = useState(action.outcomeNote ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = status !== action.status || note !== (action.outcomeNote ?? '');
  const what = `${action.type || 'Action'} for ${action.caseReference}`;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(status, note);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <li className="work-action" aria-labelledby={`${id}-what`}>
      <div className="work-action__about">
        <p id={`${id}-what`} className="work-action__title">
          <strong>{action.type || 'Action'}</strong> · <Link to={`/cases/${encodeURIComponent(action.caseId)}`}>{action.caseReference}</Link>
        </p>
        <p className="work-action__meta">
          Due <time dateTime={action.dueDate}>{formatMeetingDate(action.dueDate)}</time>
          {action.priority === 'URGENT' && <> · <span className="work-action__urgent">{PRIORITY_LABELS.URGENT}</span></>}
          {action.assignee && <> · {action.assignee}</>}
        </p>
        {action.description && <p className="work-action__description">{action.description}</p>}
      </div>
      <form className="work-action__edit" onSubmit={save} aria-label={`Update ${what}`}>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(ActionStatus.parse(e.target.value))} aria-describedby={`${id}-what`}>
            {ActionStatus.options.map((s) => (
              <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div className="field work-action__note">
          <label htmlFor={`${id}-note`}>Outcome note</label>
          <textarea id={`${id}-note`} rows={2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-what`} />
        </div>
        <button type="submit" className="button button--primary button--small" disabled={!changed || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        {error && <p role="alert" className="alert work-action__error">Not saved: {error}</p>}
      </form>
    </li>
  );
}
