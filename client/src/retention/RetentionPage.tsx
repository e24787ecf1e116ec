import { useCallback, useEffect, useState } from 'react';
import type { DisposalCertificate, DueBatch } from '../../../shared/api/retention.js';
import type { AdminSite } from '../../../shared/api/admin.js';
import { fetchSites } from '../admin/api.js';
import { adminErrorMessage } from '../admin/errors.js';
import { ApiRequestError } from '../api/http.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { approveBatch, fetchCertificates, fetchDue, liftHold, placeHold, type Certificate } from './api.js';
import { effectsLabel, KIND_LABELS, ruleLabel } from './labels.js';
import './retention.css';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-NZ', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Pacific/Auckland' });

/** The retention schedule for an administrator: what is due, legal holds, approval, and the certificates. */
export function RetentionPage() {
  const me = useMe();
  const [sites, setSites] = useState<AdminSite[] | null>(null);
  const [siteId, setSiteId] = useState<string>(me.siteId ?? '');
  const [batch, setBatch] = useState<DueBatch | null>(null);
  const [certificates, setCertificates] = useState<Certificate[]>([]);
  const [reviewed, setReviewed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<DisposalCertificate | null>(null);
  const [holding, setHolding] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(async (id: string) => {
    setBatch(null);
    setReviewed(false);
    try {
      const [due, certs] = await Promise.all([fetchDue(id), fetchCertificates(id)]);
      setBatch(due);
      setCertificates(certs);
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }, []);

  useEffect(() => {
    if (me.role !== 'SITE_ADMIN') return;
    fetchSites().then(setSites, (err: unknown) => setError(adminErrorMessage(err)));
  }, [me.role]);
  useEffect(() => {
    if (siteId) void load(siteId);
  }, [siteId, load]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(adminErrorMessage(err));
      // The batch changed since it was listed: show the new one to review.
      if (err instanceof ApiRequestError && err.code === 'BATCH_CHANGED') await load(siteId);
    } finally {
      setBusy(false);
    }
  }

  const approve = () => act(async () => {
    if (!batch) return;
    setDone(await approveBatch({ siteId, batchHash: batch.batchHash, items: batch.items.map(({ kind, id }) => ({ kind, id })) }));
    await load(siteId);
  });
  const hold = (caseId: string) => act(async () => {
    await placeHold(caseId, reason);
    setHolding(null);
    setReason('');
    await load(siteId);
  });
  const lift = (caseId: string) => act(async () => {
    await liftHold(caseId);
    await load(siteId);
  });

  return (
    <>
      <AppHeader />
      <main id="main" className="page retention">
        <title>Retention — SAM Room</title>
        <h1>Retention and disposal</h1>
        {me.role !== 'SITE_ADMIN' ? <p role="alert" className="alert">Only administrators can use this page.</p> : (
          <>
            {sites && sites.length > 1 && (
              <div className="field">
                <label htmlFor="retention-site">Site</label>
                <select id="retention-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                  {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </div>
            )}
            {error && <p role="alert" className="alert">{error}</p>}
            {done && (
              <div role="status" className="notice retention-done">
                <h2>Disposed of — certificate #{done.auditSeq}</h2>
                <p>{done.kinds.map((k) => `${k.count} × ${KIND_LABELS[k.kind]} (${ruleLabel(k.rule)})`).join('; ')}.</p>
                <p className="muted">{effectsLabel(done.effects)}</p>
              </div>
            )}
            {!batch ? <p role="status">Loading what is due…</p> : (
              <>
                <section className="card" aria-labelledby="due-heading">
                  <h2 id="due-heading">Due for disposal</h2>
                  <p className="muted">Listed {day(batch.listedAt)}. Listing changes nothing; the records below are disposed of only when you approve this batch.</p>
                  {batch.items.length === 0 ? <p className="empty">Nothing is due.</p> : (
                    <div className="table-wrap">
                      <table className="table">
                        <thead><tr><th scope="col">Kind</th><th scope="col">Record</th><th scope="col">Since</th><th scope="col">Then</th><th scope="col"><span className="visually-hidden">Legal hold</span></th></tr></thead>
                        <tbody>
                          {batch.items.map((item) => (
                            <tr key={`${item.kind}:${item.id}`}>
                              <td>{KIND_LABELS[item.kind]}</td>
                              <th scope="row">{item.label}</th>
                              <td>{day(item.eventAt)}</td>
                              <td>{ruleLabel(batch.rules[item.kind]!)}</td>
                              <td className="table__action">
                                {item.kind === 'closedCase' && (holding === item.id ? (
                                  <form className="retention-hold" onSubmit={(e) => { e.preventDefault(); void hold(item.id); }}>
                                    <label htmlFor={`hold-${item.id}`}>Reason for the hold</label>
                                    <input id={`hold-${item.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
                                    <button type="submit" className="button button--small" disabled={busy}>Place hold</button>
                                    <button type="button" className="link-button" onClick={() => setHolding(null)}>Cancel</button>
                                  </form>
                                ) : (
                                  <button type="button" className="button button--small" onClick={() => setHolding(item.id)} aria-label={`Place a legal hold on ${item.label}`}>Legal hold…</button>
                                ))}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                  {batch.items.length > 0 && (
                    <div className="retention-approve">
                      <label>
                        <input type="checkbox" checked={reviewed} onChange={(e) => setReviewed(e.target.checked)} />
                        {' '}I have reviewed these {batch.items.length} records against the approved disposal schedule
                      </label>
                      <button type="button" className="button button--danger" disabled={!reviewed || busy} onClick={() => void approve()}>
                        Approve and dispose of {batch.items.length} {batch.items.length === 1 ? 'record' : 'records'}
                      </button>
                    </div>
                  )}
                </section>

                <section className="card" aria-labelledby="held-heading">
                  <h2 id="held-heading">Kept by a legal hold</h2>
                  {batch.held.length === 0 ? <p className="empty">No record that is due is held.</p> : (
                    <ul className="retention-held">
                      {batch.held.map((h) => (
                        <li key={`${h.kind}:${h.id}`}>
                          <span><strong>{h.label}</strong> — hold on {h.hold.caseReference}: {h.hold.reason}</span>
                          {h.kind === 'closedCase' && (
                            <button type="button" className="button button--small" disabled={busy} onClick={() => void lift(h.id)} aria-label={`Lift the hold on ${h.label}`}>Lift hold</button>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>

                <section className="card" aria-labelledby="certificates-heading">
                  <h2 id="certificates-heading">Disposal certificates</h2>
                  {certificates.length === 0 ? <p className="empty">No disposals yet.</p> : (
                    <ul className="retention-certificates">
                      {certificates.map((c) => <li key={c.auditSeq}>#{c.auditSeq} · {day(c.at)} · approved by {c.actorLabel}</li>)}
                    </ul>
                  )}
                  <p className="muted">Each certificate is an entry in the audit trail, which is kept.</p>
                </section>
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}
