import { useEffect, useState } from 'react';
import type { CorrectionView } from '../../../shared/api/privacy.js';
import { adminErrorMessage } from '../admin/errors.js';
import { decideCorrection, fetchCorrections, requestCorrection } from './api.js';

/** A person's correction requests: record one, then correct the record or decline with their statement attached. */
export function Corrections({ personId, requestRef }: { personId: string; requestRef: string }) {
  const [list, setList] = useState<CorrectionView[] | null>(null);
  const [change, setChange] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchCorrections(personId).then(setList, (err: unknown) => setError(adminErrorMessage(err)));
  }, [personId]);

  async function act(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
      setList(await fetchCorrections(personId));
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Correction requests</h2>
      {error && <p role="alert" className="alert">{error}</p>}
      <form className="privacy-form" onSubmit={(e) => { e.preventDefault(); void act(async () => { await requestCorrection(personId, { requestRef, requestedChange: change }); setChange(''); }); }}>
        <div className="field">
          <label htmlFor="correction-change">What the person asks to be corrected</label>
          <textarea id="correction-change" value={change} onChange={(e) => setChange(e.target.value)} required minLength={3} rows={2} />
        </div>
        <button type="submit" className="button" disabled={!requestRef}>Record the request</button>
        {!requestRef && <p className="muted">Enter the request’s reference above first.</p>}
      </form>
      {list && list.length > 0 && (
        <ul className="privacy-corrections">
          {list.map((c) => <CorrectionItem key={c.id} c={c} onDecide={(body) => act(async () => { await decideCorrection(c.id, body); })} />)}
        </ul>
      )}
    </section>
  );
}

function CorrectionItem({ c, onDecide }: { c: CorrectionView; onDecide: (body: Parameters<typeof decideCorrection>[1]) => Promise<void> }) {
  const [familyName, setFamilyName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [statement, setStatement] = useState('');
  const [note, setNote] = useState('');
  const fields = { ...(givenName && { givenName }), ...(familyName && { familyName }) };
  return (
    <li>
      <p><strong>{c.requestRef}</strong> — “{c.requestedChange}” <span className="tag">{c.status.toLowerCase()}</span></p>
      {c.correction && <p>Corrected: {Object.entries(c.correction).map(([k, v]) => `${k} ${v.from ?? '—'} → ${v.to ?? '—'}`).join('; ')}</p>}
      {c.statement && <p>Statement of correction attached: “{c.statement}”</p>}
      {c.status === 'REQUESTED' && (
        <div className="privacy-decide">
          <div className="field"><label htmlFor={`given-${c.id}`}>Corrected given name</label><input id={`given-${c.id}`} value={givenName} onChange={(e) => setGivenName(e.target.value)} /></div>
          <div className="field"><label htmlFor={`family-${c.id}`}>Corrected family name</label><input id={`family-${c.id}`} value={familyName} onChange={(e) => setFamilyName(e.target.value)} /></div>
          <div className="field"><label htmlFor={`note-${c.id}`}>Decision note</label><input id={`note-${c.id}`} value={note} onChange={(e) => setNote(e.target.value)} /></div>
          <button type="button" className="button" disabled={Object.keys(fields).length === 0} onClick={() => void onDecide({ decision: 'CORRECT', fields, ...(note && { note }) })}>Correct the record</button>
          <div className="field"><label htmlFor={`statement-${c.id}`}>Statement of correction (when declining)</label><textarea id={`statement-${c.id}`} rows={2} value={statement} onChange={(e) => setStatement(e.target.value)} /></div>
          <button type="button" className="button" onClick={() => void onDecide({ decision: 'DECLINE', statement, note })}>Decline, attaching the statement</button>
        </div>
      )}
    </li>
  );
}
