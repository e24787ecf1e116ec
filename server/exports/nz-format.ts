import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../shared/domain.js';
import { isoDateOf } from '../../shared/nz-time.js';

// Every date and time in an export is Pacific/Auckland, whatever zone the server runs in, and
// spelled the New Zealand way. Fixed locale, so the same record always renders the same text.

const LOCALE = 'en-NZ';

const nz = (instant: Date) => DateTime.fromJSDate(instant, { zone: NZ_TIME_ZONE }).setLocale(LOCALE);
const calendar = (isoDate: string) => DateTime.fromISO(isoDate, { zone: NZ_TIME_ZONE }).setLocale(LOCALE);

/** A calendar date (YYYY-MM-DD) for headings: "Tuesday 3 June 2025". */
export const longDate = (isoDate: string) => calendar(isoDate).toFormat('cccc d LLLL yyyy');

/** A calendar date (YYYY-MM-DD) in tables: "Tue 3 Jun 2025". */
export const shortDate = (isoDate: string) => calendar(isoDate).toFormat('ccc d LLL yyyy');

/** An instant with its date: "Tue 3 Jun 2025 23:14". */
export const dateTime = (instant: Date) => nz(instant).toFormat('ccc d LLL yyyy HH:mm');

/** An instant's time of day only, for times on the meeting's own date: "09:14". */
const timeOfDay = (instant: Date) => nz(instant).toFormat('HH:mm');

/** The NZ calendar date (YYYY-MM-DD) an instant falls on. */
const nzDateOf = (instant: Date) => nz(instant).toISODate() ?? isoDateOf(instant);

/** An instant's time, or date and time when it is not on `isoDate` (e.g. an acknowledgement the day before). */
export const timeOnDay = (instant: Date, isoDate: string) => (nzDateOf(instant) === isoDate ? timeOfDay(instant) : dateTime(instant));

/** A watermark's "when", with the zone spelled out (NZST/NZDT) so a printed copy is unambiguous. */
export const stampTime = (instant: Date) => `${nz(instant).toFormat('ccc d LLL yyyy HH:mm')} ${nz(instant).toFormat('ZZZZ')}`;
