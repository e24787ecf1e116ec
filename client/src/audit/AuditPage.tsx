import { type FormEvent, useEffect, useState } from 'react';
import type { AuditRow, AuditVerifyResult } from '../../../shared/api/audit.js';
import { ApiRequestError } from '../api/http.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { fetchAudit, verifyAudit, type AuditFilters } from './api.js';
import './audit.css';

type Load = { status: 'loading' } | { status: 'ready'; rows: AuditRow[]; nextCursor: string | null } | { status: 'error'; message: string };

const when = (iso: string) => new Date(iso).toLocaleString('en-NZ', { timeZone: 'Pacific/Auckland', dateStyle: 'medium', timeStyle: 'medium' });
const messageOf = (err: unknown) => (err instanceof ApiRequestError ? err.message : String(err));
/** `datetime-local` values are the browser's local time; the API wants an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The audit trail for auditors: filter, page back through history, and check the hash chain. */
export function AuditPage() {
  const me = useMe();
  const [draft, setDraft] = useState({ meetingId: '', actorId: '', action: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [verify, setVerify] = useState<AuditVerifyResult | 'checking' | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  useEffect(() => {
    if (me.role !== 'AUDITOR') return;
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    fetchAudit(filters, undefined, controller.signal).then(
      (page) => setLoad({ status: 'ready', ...page }),
      (err: unknown) => !controller.signal.aborted && setLoad({ status: 'error', message: messageOf(err) }),
    );
    return () => controller.abort();
  }, [filters, me.role]);

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = (v: string) => v.trim() || undefined;
    setFilters({
      meetingId: trimmed(draft.meetingId), actorId: trimmed(draft.actorId), action: trimmed(draft.action), from: instant(draft.from), to: instant(draft.to),
    });
  }

  async function older() {
    if (load.status !== 'ready' || !load.nextCursor) return;
    try {
      const page = await fetchAudit(filters, load.nextCursor);
      setLoad({ status: 'ready', rows: [...load.rows, ...page.rows], nextCursor: page.nextCursor });
    } catch (err) {
      setLoad({ status: 'error', message: messageOf(err) });
    }
  }

  async function check() {
    setVerify('checking');
    setVerifyError(null);
    try {
      setVerify(await verifyAudit());
    } catch (err) {
      setVerify(null);
      setVerifyError(messageOf(err));
    }
  }

  const field = (name: keyof typeof draft, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <input id={`audit-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  );

  return (
    <>
      <title>Audit trail — SAM Room</title>
      <AppHeader />
      <main id="main" className="page audit" tabIndex={-1}>
        <h1>Audit trail</h1>
        {me.role !== 'AUDITOR' ? (
          <div role="alert" className="alert">
            Only auditors can read the audit trail.
          </div>
        ) : (
          <>
            <div className="audit__verify">
              <button type="button" className="button" onClick={() => void check()} disabled={verify === 'checking'}>
                Check the hash chain
              </button>
              {verify === 'checking' && <p role="status">Checking every row…</p>}
              {verify && verify !== 'checking' && verify.ok && <p role="status">Intact: {verify.rows} rows verified.</p>}
              {verify && verify !== 'checking' && !verify.ok && (
                <p role="alert" className="alert">
                  {verify.brokenAt ? `Broken at row ${verify.brokenAt}` : 'Broken'}: {verify.reason}. {verify.rows} rows before it verified.
                </p>
              )}
              {verifyError && (
                <p role="alert" className="alert">
                  {verifyError}
                </p>
              )}
            </div>
            <form className="filters" role="search" aria-label="Filter the audit trail" onSubmit={onSearch}>
              {field('meetingId', 'Meeting ID')}
              {field('actorId', 'Actor ID')}
              {field('action', 'Action (e.g. invite.*)')}
              {field('from', 'From', 'datetime-local')}
              {field('to', 'To', 'datetime-local')}
              <button type="submit" className="button button--primary">
                Search
              </button>
            </form>
            {load.status === 'loading' && <p role="status">Loading…</p>}
            {load.status === 'error' && (
              <div role="alert" className="alert">
                {load.message}
              </div>
            )}
            {load.status === 'ready' &&
              (load.rows.length === 0 ? (
                <p className="empty">No events match.</p>
              ) : (
                <>
                  <div className="table-wrap">
                    <table className="table audit__table">
                      <caption className="visually-hidden">Audit events, newest first</caption>
                      <thead>
                        <tr>
                          <th scope="col" className="table__num">#</th>
                          <th scope="col">Time</th>
                          <th scope="col">Who</th>
                          <th scope="col">Action</th>
                          <th scope="col">Subject</th>
                          <th scope="col">Details</th>
                        </tr>
                      </thead>
                      <tbody>
                        {load.rows.map((row) => (
                          <tr key={row.seq}>
                            <td className="table__num">{row.seq}</td>
                            <td>
                              <time dateTime={row.at}>{when(row.at)}</time>
                            </td>
                            <td>{row.actorLabel}</td>
                            <td>
                              <code>{row.action}</code>
                            </td>
                            <td>{row.subject ? `${row.subject.type} ${row.subject.id ?? ''}` : ''}</td>
                            <td>
                              <code className="audit__details">{JSON.stringify(row.details)}</code>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  {load.nextCursor && (
                    <button type="button" className="button audit__older" onClick={() => void older()}>
                      Show older events
                    </button>
                  )}
                </>
              ))}
          </>
        )}
      </main>
    </>
  );
}
