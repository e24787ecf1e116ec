import { Link } from 'react-router';
import type { MeetingSummary } from '../../../shared/api/meetings.js';
import { formatMeetingDate, meetingKindLabel } from '../format.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  meetings: MeetingSummary[];
  /** id of the heading that names the table */
  labelledBy: string;
}

export function MeetingTable({ meetings, labelledBy }: Props) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Site</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col" className="table__num">
              Items
            </th>
            <th scope="col">
              <span className="visually-hidden">Room</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => {
            const rowLabel = `meeting-${m.id}-label`;
            return (
              <tr key={m.id}>
                <td id={rowLabel}>
                  <time dateTime={m.date}>{formatMeetingDate(m.date)}</time>
                </td>
                <td>{m.siteName}</td>
                <td>{meetingKindLabel(m.kind)}</td>
                <td>
                  <StatusBadge status={m.status} />
                </td>
                <td className="table__num">{m.itemCount}</td>
                <td className="table__action">
                  <Link to={`/meetings/${encodeURIComponent(m.id)}`} className="button button--small" aria-describedby={rowLabel}>
                    Open
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
