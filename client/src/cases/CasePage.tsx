import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { CaseHistory } from '../../../shared/api/records.js';
import { CASE_STATUS_LABELS, RISK_LABELS } from '../../../shared/labels.js';
import { downloadFile, TransferError } from '../api/transfer.js';
import { useMe } from '../auth/useMe.js';
import { AppHeader } from '../layout/AppHeader.js';
import { FamilyPlan } from '../plan/FamilyPlan.js';
import { flagLabel } from '../room/labels.js';
import { fetchCase, recordPdfUrl } from './api.js';
import { CaseActions } from './CaseActions.js';
import { CaseEpisodes } from './CaseEpisodes.js';
import { CaseMeetings } from './CaseMeetings.js';
import { CasePeople } from './CasePeople.js';
import { DisclosureRegister } from './DisclosureRegister.js';
import './cases.css';

type Load = { status: 'loading' } | { status: 'ready'; history: CaseHistory } | { status: 'error'; message: string };

/**
 * The whānau's record: who they are, what happened, what every meeting decided, what agencies did
 * and what they shared. The server applies need to know: outside it, only the outcomes come.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reads, setReads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // Reading the same record again keeps the page (and its live plan) in place until the answer comes.
    setLoad((was) => (was.status === 'ready' && was.history.id === id ? was : { status: 'loading' }));
    fetchCase(id, controller.signal).then(
      (history) => setLoad({ status: 'ready', history }),
      (err: unknown) => !controller.signal.aborted && setLoad({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => controller.abort();
  }, [id, reads]);

  const history = load.status === 'ready' ? load.history : null;
  const chairOrCoordinator = me.role === 'CHAIR' || me.role === 'COORDINATOR';
  const mayExport = history?.detail === 'full' && (chairOrCoordinator || (me.role === 'REP' && history.leadAgency?.code === me.agency.code));

  return (
    <>
      <title>{history ? `${history.reference} — SAM Room` : 'Whānau record — SAM Room'}</title>
      <AppHeader />
      <main id="main" className="page case" tabIndex={-1}>
        {load.status === 'loading' && <p role="status">Loading the record…</p>}
        {load.status === 'error' && <div role="alert" className="alert">Couldn’t open this record: {load.message}</div>}
        {history && (
          <>
            <div className="case__head">
              <h1>Whānau record {history.reference}</h1>
              {mayExport && <PdfButton caseId={history.id} />}
            </div>
            <dl className="case__summary">
              <div><dt>Status</dt><dd>{CASE_STATUS_LABELS[history.status]}</dd></div>
              <div><dt>Current risk</dt><dd>{history.currentRisk ? RISK_LABELS[history.currentRisk] : 'Not yet assessed'}</dd></div>
              <div><dt>Lead agency</dt><dd>{history.leadAgency?.name ?? 'None'}</dd></div>
              {history.detail === 'full' && <div><dt>Flags</dt><dd>{history.flags.map(flagLabel).join(', ') || 'None'}</dd></div>}
            </dl>
            {history.detail === 'outcome' && (
              <p className="case__notice">
                Your agency doesn’t lead, hold an action or share information for this whānau, so you see what meetings decided, not the
                whole record.
              </p>
            )}
            <FamilyPlan caseId={history.id} idPrefix="case-plan" />
            {history.detail === 'full' && <CasePeople people={history.people} mayHideNames={chairOrCoordinator} onChanged={() => setReads((n) => n + 1)} />}
            <CaseMeetings history={history} />
            {history.detail === 'full' && (
              <>
                <CaseActions actions={history.actions} />
                <DisclosureRegister disclosures={history.disclosures} />
                <CaseEpisodes episodes={history.episodes} />
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}

function PdfButton({ caseId }: { caseId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      await downloadFile(recordPdfUrl(caseId), () => {});
    } catch (err) {
      setError(err instanceof TransferError ? err.message : 'The download failed.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" className="button" disabled={busy} onClick={() => void download()}>
        {busy ? 'Preparing PDF…' : 'Download the record (PDF)'}
      </button>
      {error && <p role="alert" className="alert">{error}</p>}
    </div>
  );
}
