import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../../shared/domain.js';

// Times in the room are New Zealand times, whatever the browser's own zone (a rep may join from
// overseas, and a test browser runs in UTC).

const nz = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE, locale: 'en-NZ' });

/** An episode's time, e.g. "Fri 21 Nov, 9:40 pm". */
export function formatEpisodeTime(iso: string): string {
  const t = nz(iso);
  return t.isValid ? t.toFormat('ccc d LLL, h:mm a') : iso;
}

/** Short form for the board, e.g. "21 Nov 9:40 pm". */
export function formatEpisodeTimeShort(iso: string): string {
  const t = nz(iso);
  return t.isValid ? t.toFormat('d LLL h:mm a') : iso;
}

/** A calendar date (YYYY-MM-DD), e.g. "Mon 24 Nov 2025". */
export function formatNzDate(isoDate: string): string {
  const t = nz(isoDate);
  return t.isValid ? t.toFormat('ccc d LLL yyyy') : isoDate;
}

/** A clock time today, e.g. "8:02 am". */
export function formatClock(iso: string): string {
  const t = nz(iso);
  return t.isValid ? t.toFormat('h:mm a') : iso;
}

/** Elapsed time as m:ss (or h:mm:ss past an hour). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The NZ calendar date `days` from today, as YYYY-MM-DD (a new action's default due date). */
export function nzDatePlusDays(days: number): string {
  return DateTime.now().setZone(NZ_TIME_ZONE).plus({ days }).toISODate() ?? '';
}
