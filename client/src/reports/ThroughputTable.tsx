import type { ReportFigures } from '../../../shared/api/reports.js';
import { percent } from './format.js';

/** Every throughput figure of the period, as a plain table. */
export function ThroughputTable({ figures: f }: { figures: ReportFigures }) {
  const rows: [string, string][] = [
    ['Episodes', String(f.episodes)],
    ['Families with an episode', String(f.families)],
    ['Families with two or more episodes', String(f.repeatFamilies)],
    ['Meetings held', String(f.meetings)],
    ['Items decided', String(f.itemsDecided)],
    ['Items deferred', String(f.itemsDeferred)],
    ['Median minutes per item', f.medianMinutesPerItem === null ? 'Not timed' : String(f.medianMinutesPerItem)],
    ['Families waiting on a deferred or carried item', String(f.backlog)],
    ['Actions due', String(f.actions.assigned)],
    ['Done', String(f.actions.done)],
    ['Done on time', String(f.actions.doneOnTime)],
    ['Overdue', String(f.actions.overdue)],
    ['Not done (circumstances)', String(f.actions.notDoneCircumstances)],
    ['Not done (agency)', String(f.actions.notDoneAgency)],
    ['People at risk', String(f.revictimisation.cohort)],
    ['At risk again within a year', `${f.revictimisation.revictimised} (${percent(f.revictimisation.rate)})`],
  ];
  return (
    <div className="table-wrap report-throughput">
      <table className="table">
        <caption className="visually-hidden">Figures for the period</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}><th scope="row">{label}</th><td className="table__num">{value}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
