import { useEffect, useRef, useState } from 'react';
import { DisclosureRecord, type DisclosureRequest } from '../../../../shared/api/records.js';
import type { PrepEntryView } from '../../../../shared/meeting-doc/index.js';
import { apiPost } from '../../api/http.js';
import { KIND_LABELS, LEGAL_BASIS_LABELS } from '../labels.js';

interface Props {
  meetingId: string;
  itemId: string;
  /** The agency's prepared entry as it is now (null: nothing started). */
  entry: PrepEntryView | null;
  /** The prep doc is in step with the server, which shares its own copy of the entry. */
  synced: boolean;
}

/** Matches DisclosureRequest's bound, so the form says so before the server would. */
const MIN_REASON = 3;
const MAX_REASON = 2000;

/**
 * The agency's explicit act on an item: share its prepared entry with the meeting, or record why
 * it is withheld. Either is recorded as a Disclosure by the server.
 */
export function DisclosureControls({ meetingId, itemId, entry, synced }: Props) {
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [withholding, setWithholding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const withholdButton = useRef<HTMLButtonElement>(null);
  const focusBack = useRef(false);
  const reasonId = `withhold-${itemId}`;

  async function disclose(request: DisclosureRequest, done: string): Promise<boolean> {
    setPending(true);
    setError(null);
    setStatus('');
    try {
      await apiPost(`/api/meetings/${meetingId}/disclosures`, request, DisclosureRecord);
      setStatus(done);
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setPending(false);
    }
  }

  function share() {
    // The server shares its copy of the entry: one behind this screen would share older text.
    if (!synced) {
      setStatus('');
      setError('Not connected — your preparation is kept on this device. Share it once you’re back online.');
      return;
    }
    const what = entry ? ` as ${KIND_LABELS[entry.kind]}, ${LEGAL_BASIS_LABELS[entry.legalBasis]}` : '';
    void disclose({ itemId, decision: 'SHARE' }, `Shared with the meeting${what} (recorded).`);
  }

  async function withhold() {
    const withheldReason = reason.trim();
    if (withheldReason.length < MIN_REASON) {
      setReasonError(`Give the reason for withholding (at least ${MIN_REASON} characters).`);
      return;
    }
    setReasonError(null);
    if (await disclose({ itemId, decision: 'WITHHOLD', withheldReason }, `Withheld: ${withheldReason} (recorded)`)) {
      closeForm();
      setReason('');
    }
  }

  function closeForm() {
    setWithholding(false);
    setReasonError(null);
    focusBack.current = true;
  }

  // The form goes away with focus in it: keyboard focus goes back to the button that opened it,
  // once that is enabled again (a disabled button can't take focus).
  useEffect(() => {
    if (withholding || pending || !focusBack.current) return;
    focusBack.current = false;
    withholdButton.current?.focus();
  }, [withholding, pending]);

  return (
    <div className="prep__disclose">
      <div className="prep__buttons">
        <button type="button" className="button button--small button--primary" disabled={pending} onClick={share}>
          {pending && !withholding ? 'Sharing…' : 'Share with the meeting'}
        </button>
        <button
          ref={withholdButton}
          type="button"
          className="button button--small"
          disabled={pending}
          aria-expanded={withholding}
          onClick={() => (withholding ? closeForm() : setWithholding(true))}
        >
          Withhold…
        </button>
      </div>
      {withholding && (
        <form
          className="prep__withhold"
          aria-label="Withhold from the meeting"
          // The reason is checked here, with a message beside the field, not by the browser's bubble.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void withhold();
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason for withholding (recorded; the content is not)</label>
            <textarea
              id={reasonId}
              className="collab-textarea"
              rows={2}
              value={reason}
              maxLength={MAX_REASON}
              required
              autoFocus
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError && (
              <p id={`${reasonId}-error`} className="field-error">
                {reasonError}
              </p>
            )}
          </div>
          <div className="prep__buttons">
            <button type="submit" className="button button--small" disabled={pending}>
              Record withholding
            </button>
            <button type="button" className="button button--small" onClick={closeForm}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <div className="alert prep__alert" role="alert">
          {error}
        </div>
      )}
      <p className="prep__status" role="status">
        {status}
      </p>
    </div>
  );
}
