import { useState } from 'react';
import type { FieldError } from '../../../../shared/control.js';
import type { MeetingStatus } from '../../../../shared/domain.js';
import { useRoom } from '../RoomContext.js';
import type { BoardEntry } from '../board/useBoardIndex.js';
import './chair.css';

interface Props {
  status: MeetingStatus;
  /** The control connection is up: the chair's commands are refused while it is not. */
  connected: boolean;
  entries: readonly BoardEntry[];
  focusId: string | null;
  onSetFocus(id: string): void;
  onOpen(id: string): void;
  /** After the meeting has started: the chair goes on to the open item's decision. */
  onStarted(): void;
}

/** Where the chair's keyboard goes once every item is decided. */
export const CLOSE_MEETING_BUTTON_ID = 'close-meeting';

/** The chair's meeting-wide commands: start, move on to the next item, close. */
export function ChairControls({ status, connected, entries, focusId, onSetFocus, onOpen, onStarted }: Props) {
  const { send, announce } = useRoom();
  const [pending, setPending] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [blocking, setBlocking] = useState<FieldError[]>([]);

  const pendingCount = entries.filter((e) => e.summary.status === 'PENDING').length;
  const from = entries.findIndex((e) => e.item.id === focusId);
  const next = [...entries.slice(from + 1), ...entries.slice(0, from + 1)].find((e) => e.summary.status === 'PENDING' && e.item.id !== focusId);

  async function start() {
    setPending(true);
    const result = await send('meeting:start', {});
    setPending(false);
    if (!result.ok) return announce(result.error.message, 'error');
    announce('The meeting has started.');
    onStarted();
  }

  async function close() {
    setPending(true);
    const result = await send('meeting:close', {});
    setPending(false);
    setConfirmClose(false);
    if (result.ok) {
      setBlocking([]);
      announce('The meeting is closed.');
      return;
    }
    setBlocking(result.error.fields ?? []);
    announce(result.error.message, 'error');
  }

  return (
    <section className="chair-controls" aria-label="Chair controls">
      {status === 'PREP' && (
        <button type="button" className="button button--primary" disabled={pending || !connected} onClick={() => void start()}>
          Start meeting
        </button>
      )}
      {!connected && <span className="chair-controls__count" role="status">Connecting to the meeting…</span>}
      {next && (
        <button type="button" className="button" onClick={() => onSetFocus(next.item.id)}>
          Focus next pending: {next.summary.familyRef}
        </button>
      )}
      <span className="chair-controls__count">{pendingCount === 0 ? 'Every item is decided or deferred' : `${pendingCount} pending`}</span>
      {status === 'LIVE' &&
        (confirmClose ? (
          <span className="chair-controls__confirm" role="group" aria-label="Confirm closing the meeting">
            <span>Close the meeting? The list becomes read-only and the record is final.</span>
            <button type="button" className="button button--danger" disabled={pending || !connected} onClick={() => void close()}>
              Close meeting now
            </button>
            {/* The least destructive choice takes the keyboard; closing is a deliberate second step. */}
            <button type="button" className="button" autoFocus onClick={() => setConfirmClose(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" id={CLOSE_MEETING_BUTTON_ID} className="button chair-controls__close" onClick={() => setConfirmClose(true)}>
            Close meeting…
          </button>
        ))}
      {blocking.length > 0 && (
        <div className="alert chair-controls__blocking">
          <p>These items still need a decision before the meeting can close:</p>
          <ul>
            {blocking.map((b) => {
              const itemId = b.field.startsWith('items.') ? b.field.slice('items.'.length) : null;
              return (
                <li key={b.field + b.message}>
                  {itemId ? (
                    <button type="button" className="link-button" onClick={() => onOpen(itemId)}>
                      {b.message}
                    </button>
                  ) : (
                    b.message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
