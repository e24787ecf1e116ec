import type { MeetingStatus } from '../../../shared/domain.js';
import { meetingStatusLabel } from '../format.js';

export function StatusBadge({ status }: { status: MeetingStatus }) {
  return (
    <span className={`badge badge--${status.toLowerCase()}`} data-status={status}>
      {meetingStatusLabel(status)}
    </span>
  );
}
