import { DateTime } from 'luxon';
import { ROLE_LABELS } from '../../shared/labels.js';
import { NZ_TIME_ZONE, type MeetingKind, type MeetingStatus, type Role } from '../../shared/domain.js';

/** Today's date (YYYY-MM-DD) in Pacific/Auckland, whatever the browser's own time zone. */
export { todayInNz } from '../../shared/nz-time.js';

/** A meeting date in New Zealand style, e.g. "Sat 22 Nov 2025". */
export function formatMeetingDate(isoDate: string): string {
  const date = DateTime.fromISO(isoDate, { zone: NZ_TIME_ZONE, locale: 'en-NZ' });
  return date.isValid ? date.toFormat('ccc d LLL yyyy') : isoDate;
}

/** The long form for headings, e.g. "Saturday 22 November 2025". */
export function formatMeetingDateLong(isoDate: string): string {
  const date = DateTime.fromISO(isoDate, { zone: NZ_TIME_ZONE, locale: 'en-NZ' });
  return date.isValid ? date.toFormat('cccc d LLLL yyyy') : isoDate;
}

const kindLabels: Record<MeetingKind, string> = {
  DAILY_SAM: 'Daily SAM',
  ICM_REVIEW: 'ICM review',
};
export const meetingKindLabel = (kind: MeetingKind) => kindLabels[kind];

const statusLabels: Record<MeetingStatus, string> = {
  PREP: 'Preparing',
  LIVE: 'Live',
  CLOSED: 'Closed',
};
export const meetingStatusLabel = (status: MeetingStatus) => statusLabels[status];

export const roleLabel = (role: Role) => ROLE_LABELS[role];

export const itemCountLabel = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;
