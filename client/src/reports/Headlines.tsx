import type { ReportFigures } from '../../../shared/api/reports.js';
import { percent, share } from './format.js';

/** The questions a coordinator is asked most, answered first. */
export function Headlines({ figures: f }: { figures: ReportFigures }) {
  const items = [
    { label: 'Families', value: String(f.families), detail: `${f.episodes} episodes` },
    { label: 'Repeat families', value: String(f.repeatFamilies), detail: `${percent(share(f.repeatFamilies, f.families))} of families had two or more episodes` },
    { label: 'Actions done on time', value: `${f.actions.doneOnTime} of ${f.actions.assigned}`, detail: `${percent(share(f.actions.doneOnTime, f.actions.assigned))} of actions due` },
    {
      label: 'Re-victimisation, Māori', value: percent(f.revictimisation.maori.rate),
      detail: `${f.revictimisation.maori.revictimised} of ${f.revictimisation.maori.cohort} people at risk`,
    },
    {
      label: 'Re-victimisation, non-Māori', value: percent(f.revictimisation.nonMaori.rate),
      detail: `${f.revictimisation.nonMaori.revictimised} of ${f.revictimisation.nonMaori.cohort} people at risk`,
    },
  ];
  return (
    <dl className="report-headlines">
      {items.map((i) => (
        <div key={i.label} className="card report-headlines__item">
          <dt>{i.label}</dt>
          <dd className="report-headlines__value">{i.value}</dd>
          <dd className="report-headlines__detail">{i.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
