import { zipSync, type Zippable } from 'fflate';
import { isoDateOf } from '../../shared/nz-time.js';
import type { StaffPrincipal } from '../access/require-role.js';
import type { Db } from '../db/client.js';
import { actionsCsv } from './actions-csv.js';
import { actionsPdf } from './actions-pdf.js';
import { exportBaseName, fileSlug } from './file-names.js';
import { minutesPdf } from './minutes-pdf.js';
import { loadMinutesModel, MeetingNotFound } from './minutes-model.js';
import { ensureMinutesVersion, sha256Of, type StoredVersion } from './minutes-versions.js';
import { recordStamp, viewerStamp } from './watermark.js';
import { fixZipTimestamps } from './zip-timestamps.js';

// The chair's one step at the close: every attending agency's pack — its need-to-know minutes and
// its action list — in one zip, a folder per agency, ready to hand on. Each file is that agency's
// own view (minutes-model.ts applies the filter), watermarked for whoever downloaded the zip.

export class MeetingNotClosed extends Error {}

export interface PackRecord {
  agency: string;
  /** The stored record copy of the agency's minutes that this pack's copy was made from. */
  version: StoredVersion;
  files: { name: string; sha256: string }[];
}

export interface AgencyPacks {
  fileName: string;
  zip: Buffer;
  packs: PackRecord[];
}

const collator = new Intl.Collator('en-NZ', { sensitivity: 'base' });

export async function agencyPacks(db: Db, meetingId: string, requester: StaffPrincipal, now = new Date()): Promise<AgencyPacks> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      status: true, date: true, site: { select: { code: true, name: true, training: true } },
      // The same people as the minutes' attendance: those admitted to the meeting.
      participants: { where: { admittedAt: { not: null } }, select: { agency: { select: { id: true, code: true, name: true } } } },
    },
  });
  if (!meeting) throw new MeetingNotFound(meetingId);
  if (meeting.status !== 'CLOSED') throw new MeetingNotClosed(meetingId);
  const agencies = [...new Map(meeting.participants.map(({ agency }) => [agency.code, agency])).values()]
    .sort((a, b) => collator.compare(a.name, b.name));

  const stamp = viewerStamp(requester, now, meeting.site);
  const entries: Zippable = {};
  const packs: PackRecord[] = [];
  for (const agency of agencies) {
    const model = await loadMinutesModel(db, meetingId, agency.code);
    const minutes = `${exportBaseName(model.meeting, 'minutes', agency.code)}.pdf`;
    const actions = exportBaseName(model.meeting, 'actions', agency.code);
    const files: [string, Buffer, boolean][] = [
      [minutes, await minutesPdf(model, stamp), false],
      [`${actions}.csv`, actionsCsv(model, stamp), true],
      [`${actions}.pdf`, await actionsPdf(model, stamp), false],
    ];
    const folder = `${agency.code}-${fileSlug(agency.name)}`;
    // PDFs are compressed already: stored as they are.
    for (const [name, bytes, deflate] of files) entries[`${folder}/${name}`] = [bytes, { level: deflate ? 6 : 0 }];
    const version = await ensureMinutesVersion(
      db, { meetingId, format: 'PDF', agencyId: agency.id }, model, () => minutesPdf(model, recordStamp(model)), requester.userId,
    );
    packs.push({ agency: agency.code, version, files: files.map(([name, bytes]) => ({ name: `${folder}/${name}`, sha256: sha256Of(bytes) })) });
  }
  const date = isoDateOf(meeting.date);
  return {
    fileName: `${exportBaseName({ site: meeting.site, date }, 'agency-packs')}.zip`,
    // Entry times as New Zealand's wall clock, whatever the server's time zone.
    zip: fixZipTimestamps(Buffer.from(zipSync(entries)), now),
    packs,
  };
}
