import type { CaseRecord } from '../../../shared/api/records.js';
import { MEMBER_ROLE_LABELS } from '../../../shared/labels.js';
import { formatNzDate } from '../room/roomTime.js';

/** The whānau: adults and tamariki, with iwi and a preferred kaupapa Māori provider where recorded. */
export function CasePeople({ people }: { people: CaseRecord['people'] }) {
  const order = ['PERSON_AT_RISK', 'PERSON_USING_VIOLENCE', 'CHILD', 'OTHER_WHANAU'];
  const sorted = [...people].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return (
    <section className="case-section" aria-labelledby="case-people">
      <h2 id="case-people">People</h2>
      <div className="table-wrap">
        <table className="table" aria-labelledby="case-people">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Born</th>
              <th scope="col">Iwi</th>
              <th scope="col">Preferred kaupapa Māori provider</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={`${p.id}-${p.role}`}>
                <td>{p.name}</td>
                <td>{MEMBER_ROLE_LABELS[p.role]}</td>
                <td>{p.dob ? <time dateTime={p.dob}>{formatNzDate(p.dob)}</time> : '—'}</td>
                <td>{p.iwiAffiliations.join(', ') || '—'}</td>
                <td>{p.preferredKaupapaProvider ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
