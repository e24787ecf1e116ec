import { useState } from 'react';
import type { PersonSearchHit } from '../../../shared/api/intake.js';
import type { PrivacyReport } from '../../../shared/api/privacy.js';
import { adminErrorMessage } from '../admin/errors.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { fetchReport, reportUrl, searchPeople } from './api.js';
import { Corrections } from './Corrections.js';
import './privacy.css';

/** A privacy officer's page: find the person, produce what is held about them, and record corrections. */
export function PrivacyPage() {
  const me = useMe();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PersonSearchHit[] | null>(null);
  const [person, setPerson] = useState<PersonSearchHit | null>(null);
  const [requestRef, setRequestRef] = useState('');
  const [report, setReport] = useState<PrivacyReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(run: () => Promise<void>) {
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(adminErrorMessage(err));
    }
  }

  const counts = report && [
    ['Families', report.cases.length], ['Episodes', report.episodes.length], ['Decisions', report.decisions.length],
    ['Actions', report.actions.length], ['Disclosures', report.disclosures.length], ['Meetings', report.minutes.length],
    ['Audit events', report.audit.length], ['Correction requests', report.corrections.length], ['Withholdings marked', report.withholdings.length],
  ] as const;

  return (
    <>
      <AppHeader />
      <main id="main" className="page privacy">
        <title>Privacy requests — SAM Room</title>
        <h1>Privacy requests</h1>
        {me.role !== 'AUDITOR' ? <p role="alert" className="alert">Only auditors, who act as privacy officers, can use this page.</p> : (
          <>
            {error && <p role="alert" className="alert">{error}</p>}
            <section className="card" aria-labelledby="find-heading">
              <h2 id="find-heading">Find the person</h2>
              <form className="privacy-form privacy-form--row" role="search" onSubmit={(e) => { e.preventDefault(); void act(async () => setHits(await searchPeople(q))); }}>
                <div className="field">
                  <label htmlFor="privacy-q">Name</label>
                  <input id="privacy-q" value={q} onChange={(e) => setQ(e.target.value)} minLength={2} required />
                </div>
                <button type="submit" className="button">Search</button>
              </form>
              {hits && (hits.length === 0 ? <p className="empty">Nobody found.</p> : (
                <ul className="privacy-hits" aria-label="People found">
                  {hits.map((h) => (
                    <li key={h.id}>
                      <span>{h.givenName} {h.familyName}{h.dob ? ` · born ${h.dob}` : ''} · {h.cases.map((c) => c.reference).join(', ')}</span>
                      <button type="button" className="button button--small" aria-pressed={person?.id === h.id} onClick={() => { setPerson(h); setReport(null); }}>
                        Select {h.givenName} {h.familyName}
                      </button>
                    </li>
                  ))}
                </ul>
              ))}
            </section>
            {person && (
              <>
                <section className="card" aria-labelledby="report-heading">
                  <h2 id="report-heading">What is held about {person.givenName} {person.familyName}</h2>
                  <form className="privacy-form privacy-form--row" onSubmit={(e) => { e.preventDefault(); void act(async () => setReport(await fetchReport(person.id, requestRef))); }}>
                    <div className="field">
                      <label htmlFor="privacy-ref">Request reference</label>
                      <input id="privacy-ref" value={requestRef} onChange={(e) => setRequestRef(e.target.value)} required placeholder="e.g. PR-2026-0042" />
                    </div>
                    <button type="submit" className="button button--primary">Produce the report</button>
                  </form>
                  {report && counts && (
                    <>
                      <dl className="privacy-counts">
                        {counts.map(([label, n]) => <div key={label}><dt>{label}</dt><dd>{n}</dd></div>)}
                      </dl>
                      <p>Other people’s details are withheld; each place is marked “[withheld: another person]” and listed in the report.</p>
                      <p className="privacy-downloads">
                        <a className="button" href={reportUrl(person.id, requestRef, 'pdf')} download>Download PDF</a>
                        <a className="button" href={reportUrl(person.id, requestRef, 'json')} download={`privacy-request-${requestRef}.json`}>Download JSON</a>
                      </p>
                    </>
                  )}
                </section>
                <Corrections personId={person.id} requestRef={requestRef} />
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}
