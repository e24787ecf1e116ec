import type { CaseRecord } from '../../../shared/api/records.js';
import { DISCLOSURE_KIND_LABELS, LEGAL_BASIS_LABELS } from '../../../shared/labels.js';
import { formatEpisodeTime, formatNzDate } from '../room/roomTime.js';

/** What each agency shared about the whānau, on what basis and when; what it withheld and why. */
export function DisclosureRegister({ disclosures }: { disclosures: CaseRecord['disclosures'] }) {
  return (
    <section className="case-section" aria-labelledby="case-disclosures">
      <h2 id="case-disclosures">Disclosures register</h2>
      {disclosures.length === 0 ? (
        <p className="muted">No agency has shared or withheld information on this whānau.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="case-disclosures">
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">Agency</th>
                <th scope="col">Shared or withheld</th>
                <th scope="col">Fact or opinion</th>
                <th scope="col">Legal basis</th>
                <th scope="col">What, or why withheld</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {disclosures.map((d) => (
                <tr key={d.id}>
                  <td>{formatNzDate(d.meetingDate)}</td>
                  <td>{d.agency.name}</td>
                  <td>{d.status === 'SHARED' ? 'Shared' : 'Withheld'}</td>
                  <td>{d.kind ? DISCLOSURE_KIND_LABELS[d.kind] : '—'}</td>
                  <td>{d.legalBasis ? LEGAL_BASIS_LABELS[d.legalBasis] : '—'}</td>
                  <td className="case-text">{(d.status === 'SHARED' ? d.content : d.withheldReason) ?? '—'}</td>
                  <td>{formatEpisodeTime(d.disclosedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
