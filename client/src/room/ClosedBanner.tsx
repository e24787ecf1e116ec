import { formatClock } from './roomTime.js';

/** A closed meeting is the record now: say so plainly, above everything. */
export function ClosedBanner({ closedAt }: { closedAt: string | null }) {
  return (
    <div className="banner banner--closed" role="note" aria-label="Meeting closed">
      <strong>This meeting is closed{closedAt && ` (at ${formatClock(closedAt)})`}.</strong> Everything here is read-only; the
      decisions and actions are in the family records.
    </div>
  );
}
