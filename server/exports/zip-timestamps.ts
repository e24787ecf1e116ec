import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../shared/domain.js';

// docx's zip writer stamps each entry with the time of packing, so the same document packed
// twice differs in those bytes. Rewriting every entry's time to one fixed instant makes a DOCX
// reproducible (the CRCs cover contents only, so nothing else changes).

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** ZIP's MS-DOS date and time fields, as the wall clock in New Zealand at `at`. */
function dosDateTime(at: Date): { date: number; time: number } {
  const t = DateTime.fromJSDate(at, { zone: NZ_TIME_ZONE });
  return {
    date: ((t.year - 1980) << 9) | (t.month << 5) | t.day,
    time: (t.hour << 11) | (t.minute << 5) | Math.floor(t.second / 2),
  };
}

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new Error('not a ZIP archive: no end-of-central-directory record');
}

/** Sets every entry's modification time, in both its local and its central header, to `at`. */
export function fixZipTimestamps(zip: Buffer, at: Date): Buffer {
  const { date, time } = dosDateTime(at);
  const eocd = endOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error(`corrupt ZIP central directory at byte ${p}`);
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`corrupt ZIP local header at byte ${local}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
