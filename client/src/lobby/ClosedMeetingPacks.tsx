import { DateTime } from 'luxon';
import { useState } from 'react';
import type { LobbyState } from '../../../shared/api/invites.js';
import { NZ_TIME_ZONE } from '../../../shared/domain.js';
import { downloadFile, TransferError } from '../api/transfer.js';
import { formatMeetingDateLong } from '../format.js';
import { EXPORT_DOCUMENTS } from '../meetings/ExportMenu.js';
import { TrainingBanner } from '../layout/TrainingBanner.js';

const untilText = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE, locale: 'en-NZ' }).toFormat("h:mm a 'on' cccc d LLLL");

/**
 * Where a remote representative lands when their meeting closes: their access has ended, but for a
 * while they can still take their own agency's minutes and action list (every download audited).
 */
export function ClosedMeetingPacks({ lobby, packsUntil }: { lobby: LobbyState; packsUntil: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/meetings/${encodeURIComponent(lobby.meetingId)}`;

  async function download(label: string, url: string) {
    setError(null);
    setBusy(label);
    try {
      await downloadFile(url, () => {});
    } catch (err) {
      setError(err instanceof TransferError ? err.message : 'The download failed.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {lobby.meeting.training && <TrainingBanner />}
      <main id="main" className="page page--centred" tabIndex={-1}>
        <title>The meeting has closed — SAM Room</title>
        <div className="card join">
          <p className="join__brand">SAM Room</p>
          <h1>The meeting has closed</h1>
          <p>
            {lobby.meeting.siteName} — <time dateTime={lobby.meeting.date}>{formatMeetingDateLong(lobby.meeting.date)}</time>. Your access to the meeting has
            ended.
          </p>
          <h2>{lobby.agency.name}’s minutes and action list</h2>
          <p>
            You can download your agency’s own version until <strong><time dateTime={packsUntil}>{untilText(packsUntil)}</time></strong>. Each copy is marked with
            your name, and every download is recorded.
          </p>
          <div className="join__downloads">
            {EXPORT_DOCUMENTS.map((doc) => (
              <button key={doc.label} type="button" className="button" disabled={busy !== null}
                onClick={() => void download(doc.label, `${base}/${doc.path}?format=${doc.format}&agency=${encodeURIComponent(lobby.agency.code)}`)}>
                {doc.label}
              </button>
            ))}
          </div>
          {busy && <p role="status">Preparing {busy}…</p>}
          {error && (
            <div role="alert" className="alert">
              {error}
            </div>
          )}
        </div>
      </main>
    </>
  );
}
