import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { JoinRequest, type JoinInfo } from '../../../shared/api/invites.js';
import type { ParticipantMode } from '../../../shared/domain.js';
import { ApiRequestError } from '../api/http.js';
import { formatMeetingDateLong, roleLabel } from '../format.js';
import { fetchJoinInfo, fetchLobby, joinLobby } from './api.js';
import { CONFIDENTIALITY_ACK, CONFIDENTIALITY_PARAGRAPHS } from './confidentiality.js';
import { ProblemPage } from './ProblemPage.js';
import { problemOf, type Problem } from './problems.js';
import { TrainingBanner } from '../layout/TrainingBanner.js';
import './lobby.css';

type Load = { status: 'loading' } | { status: 'ready'; info: JoinInfo } | { status: 'problem'; problem: Problem } | { status: 'error'; message: string };

interface FieldErrors {
  displayName?: string;
  ack?: string;
}

/** Where an invitation link lands: what the meeting is, who you are, and the confidentiality statement. */
export function JoinPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [displayName, setDisplayName] = useState('');
  const [mode, setMode] = useState<ParticipantMode>('REMOTE');
  const [ack, setAck] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchJoinInfo(token, controller.signal).then(
      (info) => setLoad({ status: 'ready', info }),
      async (err: unknown) => {
        if (controller.signal.aborted) return;
        const problem = err instanceof ApiRequestError ? problemOf(err.code) : null;
        // Someone who was at the meeting, back through their link after it closed: their lobby
        // page still offers their agency's pack.
        if (problem === 'MEETING_CLOSED') {
          const lobby = await fetchLobby(controller.signal).catch(() => null);
          if (controller.signal.aborted) return;
          if (lobby?.packsUntil) {
            navigate('/lobby', { replace: true });
            return;
          }
        }
        setLoad(problem ? { status: 'problem', problem } : { status: 'error', message: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [token, navigate]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = JoinRequest.safeParse({ displayName, mode, confidentialityAcknowledged: ack });
    if (!request.success) {
      setErrors({
        ...(!displayName.trim() && { displayName: 'Enter your name, as the others at the meeting should see it.' }),
        ...(displayName.trim().length > 100 && { displayName: 'Use at most 100 characters.' }),
        ...(!ack && { ack: 'Tick the box to confirm you will keep the meeting’s information confidential.' }),
      });
      return;
    }
    setErrors({});
    setSubmitError(null);
    setBusy(true);
    try {
      await joinLobby(token, request.data);
      // Replace: the link (and its token) should not stay in the back history.
      navigate('/lobby', { replace: true });
    } catch (err) {
      setBusy(false);
      const problem = err instanceof ApiRequestError ? problemOf(err.code) : null;
      if (problem) setLoad({ status: 'problem', problem });
      else setSubmitError(errorText(err));
    }
  }

  if (load.status === 'problem') return <ProblemPage problem={load.problem} />;

  return (
    <main id="main" className="page page--centred" tabIndex={-1}>
      <title>Join a Safety Assessment Meeting — SAM Room</title>
      <div className="card join">
        {load.status === 'ready' && load.info.meeting.training && <TrainingBanner />}
        <p className="join__brand">SAM Room</p>
        <h1>Join a Safety Assessment Meeting</h1>
        {load.status === 'loading' && <p role="status">Checking your invitation…</p>}
        {load.status === 'error' && (
          <div role="alert" className="alert">
            {load.message}
          </div>
        )}
        {load.status === 'ready' && (
          <>
            <dl className="facts join__facts">
              <div>
                <dt>Meeting</dt>
                <dd>
                  {load.info.meeting.siteName} — <time dateTime={load.info.meeting.date}>{formatMeetingDateLong(load.info.meeting.date)}</time>
                </dd>
              </div>
              <div>
                <dt>Agency</dt>
                <dd>{load.info.agency.name}</dd>
              </div>
              <div>
                <dt>Joining as</dt>
                <dd>{roleLabel(load.info.role)}</dd>
              </div>
            </dl>
            {load.info.role === 'OBSERVER' && <p className="muted">Observers see the meeting as it happens but can’t change anything.</p>}
            <form onSubmit={onSubmit} noValidate aria-busy={busy}>
              <div className="field">
                <label htmlFor="join-name">Your name</label>
                <input
                  id="join-name"
                  name="displayName"
                  autoComplete="name"
                  maxLength={100}
                  required
                  value={displayName}
                  onChange={(e) => setDisplayName(e.target.value)}
                  aria-invalid={errors.displayName ? true : undefined}
                  aria-describedby={errors.displayName ? 'join-name-error' : 'join-name-hint'}
                />
                <p id="join-name-hint" className="field-hint">
                  As the others at the meeting should see it.
                </p>
                {errors.displayName && (
                  <p id="join-name-error" className="field-error">
                    {errors.displayName}
                  </p>
                )}
              </div>
              <fieldset className="join__mode">
                <legend>How are you attending?</legend>
                <label>
                  <input type="radio" name="mode" value="IN_ROOM" checked={mode === 'IN_ROOM'} onChange={() => setMode('IN_ROOM')} /> In the room
                </label>
                <label>
                  <input type="radio" name="mode" value="REMOTE" checked={mode === 'REMOTE'} onChange={() => setMode('REMOTE')} /> Remotely
                </label>
              </fieldset>
              <section className="join__statement" aria-labelledby="join-statement-heading">
                <h2 id="join-statement-heading">Confidentiality</h2>
                {CONFIDENTIALITY_PARAGRAPHS.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </section>
              <div className="join__ack">
                <input
                  id="join-ack"
                  type="checkbox"
                  required
                  checked={ack}
                  onChange={(e) => setAck(e.target.checked)}
                  aria-invalid={errors.ack ? true : undefined}
                  aria-describedby={errors.ack ? 'join-ack-error' : undefined}
                />
                <label htmlFor="join-ack">{CONFIDENTIALITY_ACK}</label>
              </div>
              {errors.ack && (
                <p id="join-ack-error" className="field-error">
                  {errors.ack}
                </p>
              )}
              {submitError && (
                <div role="alert" className="alert">
                  {submitError}
                </div>
              )}
              <button type="submit" className="button button--primary button--block" disabled={busy}>
                Join
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}

function errorText(err: unknown): string {
  if (err instanceof ApiRequestError) return err.status === 0 || err.code === 'SIGNED_IN_AS_STAFF' ? err.message : 'Joining isn’t working right now. Try again in a moment.';
  return 'Something went wrong. Try again.';
}
