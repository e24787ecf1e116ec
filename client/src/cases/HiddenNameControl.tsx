import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiRequestError } from '../api/http.js';
import { setHiddenName } from './api.js';

interface Props {
  personId: string;
  name: string;
  hidden: boolean;
  /** Called once the server has the change, so the page reads the record again. */
  onChanged(): void;
}

type Refusal = { reason: string | null; other: string | null };

/** The server's refusal, with its message for the reason field put beside that field. */
function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ApiRequestError)) return { reason: null, other: 'Something went wrong. Try again.' };
  const details = err.details as { issues?: { path: string; message: string }[] } | undefined;
  const atReason = details?.issues?.find((i) => i.path === 'reason');
  return atReason ? { reason: `Reason: ${atReason.message}`, other: null } : { reason: null, other: err.message };
}

/**
 * A chair's or coordinator's: hides a person's name from everyone else, with the reason (audited),
 * or shows it again. A modal dialog, so it is asked once and deliberately; Escape cancels.
 */
export function HiddenNameControl({ personId, name, hidden, onChanged }: Props) {
  const ids = { heading: useId(), reason: useId(), error: useId() };
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>({ reason: null, other: null });

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  function close() {
    setOpen(false);
    setReason('');
    setRefusal({ reason: null, other: null });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setRefusal({ reason: null, other: null });
    try {
      await setHiddenName(personId, hidden ? { hidden: false } : { hidden: true, reason });
      close();
      onChanged();
    } catch (err) {
      setRefusal(refusalOf(err));
    }
    setBusy(false);
  }

  const action = hidden ? 'Show name' : 'Hide name';
  return (
    <>
      <button type="button" className="button button--small" aria-label={`${action}: ${name}`} onClick={() => setOpen(true)}>
        {action}
      </button>
      <dialog ref={dialog} className="hidden-name" aria-labelledby={ids.heading} onClose={close}>
        {/* The reason is checked by the server, whose message is shown beside the field, not by the browser's bubble. */}
        <form noValidate onSubmit={(e) => void onSubmit(e)}>
          <h2 id={ids.heading}>{hidden ? `Show ${name}’s name again` : `Hide ${name}’s name`}</h2>
          <p>
            {hidden
              ? 'Everyone who works with this whānau will see the name again: in the meeting room, minutes, case pages and searches.'
              : 'Everyone but chairs and coordinators will see “Name withheld” instead, at once: in the meeting room, minutes, case pages and searches. Their date of birth and iwi are withheld too.'}
          </p>
          {!hidden && (
            <div className="field">
              <label htmlFor={ids.reason}>Reason (recorded in the audit trail)</label>
              <textarea
                id={ids.reason}
                rows={3}
                value={reason}
                maxLength={500}
                required
                autoFocus
                aria-invalid={refusal.reason ? true : undefined}
                aria-describedby={refusal.reason ? ids.error : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
              {refusal.reason && (
                <p id={ids.error} className="hidden-name__error">
                  {refusal.reason}
                </p>
              )}
            </div>
          )}
          {refusal.other && (
            <p role="alert" className="alert">
              {refusal.other}
            </p>
          )}
          <div className="hidden-name__buttons">
            <button type="submit" className="button button--primary" disabled={busy}>
              {action}
            </button>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
