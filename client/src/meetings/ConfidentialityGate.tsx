import { type FormEvent, useId, useState } from 'react';
import type { ConfidentialityState } from '../../../shared/api/confidentiality.js';
import type { MeetingDetail } from '../../../shared/api/meetings.js';
import { ApiRequestError } from '../api/http.js';
import { formatMeetingDateLong, meetingKindLabel } from '../format.js';
import { CONFIDENTIALITY_ACK, CONFIDENTIALITY_PARAGRAPHS } from '../lobby/confidentiality.js';
import { acknowledgeConfidentiality } from './enterMeeting.js';
import '../lobby/lobby.css';

/**
 * The statement a person acknowledges once per meeting before its list opens to them: the same
 * words invitees acknowledge when joining by link. The server records when, and the minutes'
 * attendance shows it.
 */
export function ConfidentialityGate({ meeting, onAcknowledged }: { meeting: MeetingDetail; onAcknowledged: (state: ConfidentialityState) => void }) {
  const ids = { heading: useId(), ack: useId(), error: useId() };
  const [ack, setAck] = useState(false);
  const [unticked, setUnticked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ack) {
      setUnticked(true);
      return;
    }
    setUnticked(false);
    setError(null);
    setBusy(true);
    try {
      onAcknowledged(await acknowledgeConfidentiality(meeting.id));
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiRequestError && err.status !== 0 && err.status < 500 ? err.message : 'Couldn’t record your acknowledgement — check your connection and try again.');
    }
  }

  return (
    <div className="confidentiality-gate">
      <title>{`Confidentiality — ${meeting.siteName} — SAM Room`}</title>
      <section className="card join" aria-labelledby={ids.heading}>
        <p className="join__brand">
          {meeting.siteName} — {meetingKindLabel(meeting.kind)}, <time dateTime={meeting.date}>{formatMeetingDateLong(meeting.date)}</time>
        </p>
        <h1 id={ids.heading}>Before you enter the meeting</h1>
        <form onSubmit={onSubmit} noValidate aria-busy={busy}>
          <div className="join__statement">
            {CONFIDENTIALITY_PARAGRAPHS.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
          <div className="join__ack">
            <input
              id={ids.ack}
              type="checkbox"
              required
              checked={ack}
              onChange={(e) => setAck(e.target.checked)}
              aria-invalid={unticked ? true : undefined}
              aria-describedby={unticked ? ids.error : undefined}
            />
            <label htmlFor={ids.ack}>{CONFIDENTIALITY_ACK}</label>
          </div>
          {unticked && (
            <p id={ids.error} className="field-error">
              Tick the box to confirm you will keep the meeting’s information confidential.
            </p>
          )}
          {error && (
            <div role="alert" className="alert">
              {error}
            </div>
          )}
          <p className="muted">You acknowledge this once for this meeting. The time is recorded in its minutes.</p>
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            Enter the meeting
          </button>
        </form>
      </section>
    </div>
  );
}
