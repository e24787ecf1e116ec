import { useState } from 'react';
import { downloadFile, TransferError } from '../api/transfer.js';

const FORMATS = [{ ext: 'pdf', label: 'PDF' }, { ext: 'docx', label: 'Word' }] as const;

/** The lead agency takes the plan as it stands away, as PDF or Word (each copy watermarked and audited). */
export function PlanDownloads({ caseId }: { caseId: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function download(ext: string) {
    setBusy(ext);
    setError(null);
    try {
      await downloadFile(`/api/cases/${encodeURIComponent(caseId)}/plan.${ext}`, () => {});
    } catch (err) {
      setError(err instanceof TransferError ? err.message : 'The download failed.');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="plan-downloads">
      {FORMATS.map((f) => (
        <button key={f.ext} type="button" className="button button--small" disabled={busy !== null} onClick={() => void download(f.ext)}>
          {busy === f.ext ? `Preparing ${f.label}…` : `Download the plan (${f.label})`}
        </button>
      ))}
      {error && <p role="alert" className="alert">{error}</p>}
    </div>
  );
}
