import { useId, useState } from 'react';
import type { Me } from '../../../shared/api/auth.js';
import { downloadFile, TransferError } from '../api/transfer.js';

const DOCUMENTS = [
  { label: 'Minutes (PDF)', path: 'minutes', format: 'pdf' },
  { label: 'Minutes (Word)', path: 'minutes', format: 'docx' },
  { label: 'Minutes (Markdown)', path: 'minutes', format: 'md' },
  { label: 'Action list (CSV)', path: 'actions', format: 'csv' },
  { label: 'Action list (PDF)', path: 'actions', format: 'pdf' },
] as const;

/**
 * Minutes and action lists. The chair and coordinator get the full version; representatives
 * their agency's need-to-know version. Every file is watermarked for whoever downloads it.
 */
export function ExportMenu({ meetingId, me }: { meetingId: string; me: Me }) {
  const headingId = useId();
  const [busy, setBusy] = useState<{ label: string; progress: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const full = me.role === 'CHAIR' || me.role === 'COORDINATOR';

  async function download(doc: (typeof DOCUMENTS)[number]) {
    setError(null);
    setBusy({ label: doc.label, progress: null });
    const agency = full ? '' : `&agency=${encodeURIComponent(me.agency.code)}`;
    try {
      await downloadFile(`/api/meetings/${encodeURIComponent(meetingId)}/${doc.path}?format=${doc.format}${agency}`, (progress) =>
        setBusy({ label: doc.label, progress }));
    } catch (err) {
      setError(err instanceof TransferError ? err.message : 'The download failed.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="tool" aria-labelledby={headingId}>
      <h3 id={headingId}>{full ? 'Minutes and actions' : `Minutes and actions for ${me.agency.name}`}</h3>
      <div className="tool__buttons">
        {DOCUMENTS.map((doc) => (
          <button key={doc.label} type="button" disabled={busy !== null} onClick={() => void download(doc)}>
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
