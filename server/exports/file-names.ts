import type { MinutesModel } from './minutes-model.js';

/** An ASCII file-name part: "Tāmaki Makaurau" → "Tamaki-Makaurau". */
export const fileSlug = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

type MeetingRef = Pick<MinutesModel['meeting'], 'site' | 'date'>;

/** "SAM-minutes-Canterbury-2026-11-20-OT": what the file is, of which meeting, and whose version (none: the full one). */
export function exportBaseName(meeting: MeetingRef, kind: string, agencyCode: string | null = null): string {
  return ['SAM', kind, fileSlug(meeting.site.name), meeting.date, agencyCode].filter(Boolean).join('-');
}
