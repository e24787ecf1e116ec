import type { CaseRecord } from '../../../shared/api/records.js';
import { MEMBER_ROLE_LABELS } from '../../../shared/labels.js';
import { formatNzDate } from '../room/roomTime.js';
import { HiddenNameControl } from './HiddenNameControl.js';

interface Props {
  people: CaseRecord['people'];
  /** Chairs and coordinators hide and show names; nobody else sees the control. */
  mayHideNames: boolean;
  onChanged(): void;
}

/** The whānau: adults and tamariki, with iwi and a preferred kaupapa Māori provider where recorded. */
export function CasePeople({ people, mayHideNames, onChanged }: Props) {
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
              {mayHideNames && <th scope="col">Name shown to others</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={`${p.id}-${p.role}`}>
                <td>
                  {p.name}
                  {mayHideNames && p.nameHidden && (
                    <span className="case-hidden-name">Withheld from others{p.nameHiddenReason ? `: ${p.nameHiddenReason}` : ''}</span>
                  )}
                </td>
                <td>{MEMBER_ROLE_LABELS[p.role]}</td>
                <td>{p.dob ? <time dateTime={p.dob}>{formatNzDate(p.dob)}</time> : '—'}</td>
                <td>{p.iwiAffiliations.join(', ') || '—'}</td>
                <td>{p.preferredKaupapaProvider ?? '—'}</td>
                {mayHideNames && (
                  <td>
                    <HiddenNameControl personId={p.id} name={p.name} hidden={p.nameHidden} onChanged={onChanged} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
