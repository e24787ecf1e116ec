import { DateTime } from 'luxon';

/** Whether `now` is at or after the "HH:mm" time of its own day in the zone. */
export function isPastTime(now: Date, zone: string, hhmm: string): boolean {
  const [hour, minute] = hhmm.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone });
  return local >= local.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}
