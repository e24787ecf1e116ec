import { useId, useState } from 'react';
import { ImportResult } from '../../../shared/api/intake.js';
import { TransferError, uploadFile } from '../api/transfer.js';

type State =
  | { step: 'idle' }
  | { step: 'uploading'; progress: number | null }
  | { step: 'done'; result: ImportResult }
  | { step: 'failed'; message: string };

/** The coordinator's upload of the day's episodes (CSV or JSON, docs/architecture.md, Episode import), with a result summary. */
export function ImportEpisodes({ meetingId }: { meetingId: string }) {
  const inputId = useId();
  const [state, setState] = useState<State>({ step: 'idle' });

  async function upload(file: File) {
    setState({ step: 'uploading', progress: 0 });
    try {
      const body = await uploadFile(`/api/meetings/${encodeURIComponent(meetingId)}/episodes/import`, file, (progress) =>
        setState({ step: 'uploading', progress }));
      setState({ step: 'done', result: ImportResult.parse(body) });
    } catch (err) {
      setState({ step: 'failed', message: err instanceof TransferError ? err.message : 'The import failed.' });
    }
  }

  return (
    <section className="tool" aria-labelledby={`${inputId}-heading`}>
      <h3 id={`${inputId}-heading`}>Import episodes</h3>
      <label htmlFor={inputId}>CSV or JSON file of the day’s episodes</label>
      <input
        id={inputId}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        disabled={state.step === 'uploading'}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload(file);
          e.currentTarget.value = '';
        }}
      />
      {state.step === 'uploading' && (
        <p role="status">
          Uploading… <progress max={1} value={state.progress ?? undefined} aria-label="Upload progress" />
        </p>
      )}
      {state.step === 'failed' && <p role="alert" className="alert">{state.message}</p>}
      {state.step === 'done' && (
        <div role="status">
          <p>
            {state.result.imported} episode{state.result.imported === 1 ? '' : 's'} imported; {state.result.items.created} new item
            {state.result.items.created === 1 ? '' : 's'}, {state.result.items.updated} updated; {state.result.skippedDuplicates} already on record.
          </p>
          {state.result.errors.length > 0 && (
            <table className="import-errors">
              <caption>{state.result.errors.length} row{state.result.errors.length === 1 ? '' : 's'} not imported</caption>
              <thead>
                <tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr>
              </thead>
              <tbody>
                {state.result.errors.map((e, i) => (
                  <tr key={i}><td>{e.line}</td><td>{e.field ?? '—'}</td><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
