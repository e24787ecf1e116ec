import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../../shared/domain.js';

/** A share as a whole percentage, or an en dash when there is nothing to divide by. */
export const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

export const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** "3 Mar 2025" for a YYYY-MM-DD day. */
export const dayLabel = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE }).toFormat('d LLL yyyy');

/** "Week of 3 Mar" for a week's Monday. */
export const weekLabel = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE }).toFormat('d LLL yy');
