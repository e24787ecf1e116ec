import { useId, useState } from 'react';
import type { Me } from '../../../shared/api/auth.js';
import type { MeetingStatus } from '../../../shared/domain.js';
import { downloadFile, TransferError } from '../api/transfer.js';

/** Every minutes and action-list format, for a meeting's exports here and an invitee's after the close. */
export const EXPORT_DOCUMENTS = [
  { label: 'Minutes (PDF)', path: 'minutes', format: 'pdf' },
  { label: 'Minutes (Word)', path: 'minutes', format: 'docx' },
  { label: 'Minutes (Markdown)', path: 'minutes', format: 'md' },
  { label: 'Action list (CSV)', path: 'actions', format: 'csv' },
  { label: 'Action list (PDF)', path: 'actions', format: 'pdf' },
] as const;

const PACKS_LABEL = 'All agency packs (.zip)';

/**
 * Minutes and action lists. The chair and coordinator get the full version and, once the meeting
 * has closed, every attending agency's pack in one zip; representatives their agency's
 * need-to-know version. Every file is watermarked for whoever downloads it.
 */
export function ExportMenu({ meetingId, me, status }: { meetingId: string; me: Me; status: MeetingStatus }) {
  const headingId = useId();
  const packsHintId = useId();
  const [busy, setBusy] = useState<{ label: string; progress: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const full = me.role === 'CHAIR' || me.role === 'COORDINATOR';
  const meetingPath = `/api/meetings/${encodeURIComponent(meetingId)}`;

  async function download(label: string, url: string) {
    setError(null);
    setBusy({ label, progress: null });
    try {
      await downloadFile(url, (progress) => setBusy({ label, progress }));
    } catch (err) {
      setError(err instanceof TransferError ? err.message : 'The download failed.');
    } finally {
      setBusy(null);
    }
  }

  const agency = full ? '' : `&agency=${encodeURIComponent(me.agency.code)}`;
  return (
    <section className="tool" aria-labelledby={headingId}>
      <h3 id={headingId}>{full ? 'Minutes and actions' : `Minutes and actions for ${me.agency.name}`}</h3>
      {full && status === 'CLOSED' && (
        <p>
          <button type="button" className="button button--primary button--small" disabled={busy !== null} aria-describedby={packsHintId} onClick={() => void download(PACKS_LABEL, `${meetingPath}/packs.zip`)}>
            {PACKS_LABEL}
          </button>
          <span id={packsHintId} className="muted">
            {' '}A folder for each agency that attended, with its own minutes and action list.
          </span>
        </p>
      )}
      <div className="tool__buttons">
        {EXPORT_DOCUMENTS.map((doc) => (
          <button key={doc.label} type="button" className="button button--small" disabled={busy !== null} onClick={() => void download(doc.label, `${meetingPath}/${doc.path}?format=${doc.format}${agency}`)}>
            {doc.label}
          </button>
        ))}
      </div>
      {busy && (
        <p role="status">
          Preparing {busy.label}… <progress max={1} value={busy.progress ?? undefined} aria-label="Download progress" />
        </p>
      )}
      {error && <p role="alert" className="alert">{error}</p>}
    </section>
  );
}
