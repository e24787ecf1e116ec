import { useState } from 'react';
import type { BroadcastPayload } from '../../../../shared/control.js';
import type { MeetingStatus } from '../../../../shared/domain.js';
import { ItemTimer } from '../item/ItemTimer.js';
import { useRoom } from '../RoomContext.js';
import './chair.css';

interface Props {
  itemId: string;
  familyRef: string;
  isFocus: boolean;
  timer: BroadcastPayload<'timer'>;
  meetingStatus: MeetingStatus;
  onSetFocus(): void;
}

/** The chair's commands for the open item: focus, timer, defer (finalize is in the decision bar). */
export function ItemCommands({ itemId, familyRef, isFocus, timer, meetingStatus, onSetFocus }: Props) {
  const { send, announce } = useRoom();
  const [deferring, setDeferring] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const live = meetingStatus === 'LIVE';
  const timing = timer.itemId === itemId && timer.startedAt !== null;

  async function run(command: () => Promise<{ ok: boolean; error?: { message: string } }>, done?: string) {
    setPending(true);
    const result = await command();
    setPending(false);
    if (!result.ok) announce(result.error?.message ?? 'That didn’t work.', 'error');
    else if (done) announce(done);
    return result.ok;
  }

  async function defer() {
    const ok = await run(() => send('item:defer', { itemId, reason: reason.trim() }), `${familyRef} deferred.`);
    if (ok) {
      setDeferring(false);
      setReason('');
    }
  }

  return (
    <div className="item-commands" role="group" aria-label={`Chair commands for ${familyRef}`}>
      {!isFocus && (
        <button type="button" className="button button--small" onClick={onSetFocus}>
          Set as focus
        </button>
      )}
      {timing ? (
        <button type="button" className="button button--small" disabled={pending} onClick={() => run(() => send('timer:stop', {}))}>
          Stop timer <ItemTimer timer={timer} itemId={itemId} />
        </button>
      ) : (
        <button type="button" className="button button--small" disabled={pending} onClick={() => run(() => send('timer:start', { itemId }))}>
          Start timer
        </button>
      )}
      <button type="button" className="button button--small" disabled={!live || pending} aria-expanded={deferring} onClick={() => setDeferring((d) => !d)}>
        Defer…
      </button>
      {!live && <p className="field-hint item-commands__note">Start the meeting to record decisions.</p>}
      {deferring && (
        <form
          className="defer-form"
          onSubmit={(e) => {
            e.preventDefault();
            void defer();
          }}
        >
          <div className="field">
            <label htmlFor={`defer-${itemId}`}>Reason for deferring (optional)</label>
            <input id={`defer-${itemId}`} value={reason} maxLength={2000} autoFocus onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button button--small" disabled={pending}>
            Defer item
          </button>
          <button type="button" className="button button--small" onClick={() => setDeferring(false)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
