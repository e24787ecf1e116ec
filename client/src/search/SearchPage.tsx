import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PersonSearchHit } from '../../../shared/api/intake.js';
import { ApiRequestError } from '../api/http.js';
import { AppHeader } from '../layout/AppHeader.js';
import { formatNzDate } from '../room/roomTime.js';
import { searchPeople } from './api.js';
import './search.css';

type Results = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; hits: PersonSearchHit[] } | { status: 'error'; message: string };

/**
 * Find a person or whānau at the site by name (macrons and case don't matter, nor word order),
 * date of birth or police person reference; each result opens the whānau's record. The query
 * lives in the URL, so the back button returns to the results.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = { q: params.get('q') ?? '', dob: params.get('dob') ?? '', policeRef: params.get('policeRef') ?? '' };
  const [form, setForm] = useState(query);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const asked = query.q || query.dob || query.policeRef;

  useEffect(() => {
    if (!asked) return;
    const controller = new AbortController();
    setResults({ status: 'loading' });
    searchPeople({ q: query.q || undefined, dob: query.dob || undefined, policeRef: query.policeRef || undefined }, controller.signal).then(
      (hits) => setResults({ status: 'ready', hits }),
      (err: unknown) => !controller.signal.aborted && setResults({ status: 'error', message: err instanceof ApiRequestError ? err.message : String(err) }),
    );
    return () => controller.abort();
  }, [query.q, query.dob, query.policeRef, asked]);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const q = form.q.trim();
    if (!q && !form.dob && !form.policeRef.trim()) return setProblem('Give a name, a date of birth or a police reference.');
    if (q && q.length < 2) return setProblem('Type at least 2 letters of the name.');
    setProblem(null);
    const next = new URLSearchParams();
    if (q) next.set('q', q);
    if (form.dob) next.set('dob', form.dob);
    if (form.policeRef.trim()) next.set('policeRef', form.policeRef.trim());
    setParams(next);
  }

  return (
    <>
      <title>Search — SAM Room</title>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        <h1>Find a person or whānau</h1>
        <form className="filters search-form" role="search" aria-label="Find a person" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="search-q">Name</label>
            <input id="search-q" type="search" value={form.q} autoComplete="off" aria-describedby="search-hint" aria-invalid={problem !== null && form.q.trim().length === 1}
              onChange={(e) => setForm({ ...form, q: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="search-dob">Date of birth</label>
            <input id="search-dob" type="date" value={form.dob} onChange={(e) => setForm({ ...form, dob: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="search-ref">Police person reference</label>
            <input id="search-ref" value={form.policeRef} autoComplete="off" onChange={(e) => setForm({ ...form, policeRef: e.target.value })} />
          </div>
          <button type="submit" className="button button--primary">Search</button>
        </form>
        <p id="search-hint" className="muted">Any part of the name, in any order; macrons and capitals don’t matter.</p>
        {problem && <div role="alert" className="alert">{problem}</div>}
        <section aria-labelledby="search-results" aria-busy={results.status === 'loading'}>
          <h2 id="search-results" className="visually-hidden">Results</h2>
          {results.status === 'loading' && <p role="status">Searching…</p>}
          {results.status === 'error' && <div role="alert" className="alert">Couldn’t search: {results.message}</div>}
          {results.status === 'ready' && (
            <>
              <p role="status">{results.hits.length === 0 ? 'Nobody found at your site.' : `${results.hits.length} ${results.hits.length === 1 ? 'person' : 'people'} found.`}</p>
              <ul className="search-results">
                {results.hits.map((h) => (
                  <li key={h.id}>
                    <p className="search-results__name">
                      <strong>{h.nameWithheld ? 'Name withheld' : `${h.givenName} ${h.familyName}`}</strong>
                      {h.dob && <> · born {formatNzDate(h.dob)}</>}
                      {h.policePersonRef && <span className="muted"> · {h.policePersonRef}</span>}
                    </p>
                    <p>
                      {h.cases.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 && ', '}
                          <Link to={`/cases/${encodeURIComponent(c.id)}`}>Whānau record {c.reference}</Link>
                        </span>
                      ))}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
    </>
  );
}
