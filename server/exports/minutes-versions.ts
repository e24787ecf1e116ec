import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { Db } from '../db/client.js';
import type { MinutesFormat } from '../db/generated/client.js';
import type { MinutesModel } from './minutes-model.js';

// The stored minutes of a closed meeting.
//
// What is stored is the *record copy*: the document rendered with a fixed line ("Record copy ·
// meeting closed …") in place of the per-viewer watermark, and with its file metadata dated at
// the meeting's close (pdfkit's CreationDate and file ID, DOCX core properties and zip entry
// times). Its bytes, and so its sha256, depend only on the records. Each downloaded copy carries
// its own watermark; its sha256 goes in the export's audit event next to the version it came from.
//
// A new version is stored only when the records behind it changed since the latest version for
// the same meeting, format and agency. To tell without rendering the document again (a 300-item
// PDF takes most of the 2 s budget), a version's id is derived from the hash of the content model
// it was rendered from and its position in the sequence: if the latest version's id is the one
// the current model would give it, nothing changed. A layout change alone therefore adds no
// version; the stored one still records the same content.

export interface VersionKey {
  meetingId: string;
  format: MinutesFormat;
  /** Null for the full minutes. */
  agencyId: string | null;
}

export interface StoredVersion {
  id: string;
  sha256: string;
  /** False when the latest stored version already had this content. */
  created: boolean;
}

export const sha256Of = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The hash of everything a rendering shows. The model holds no "now", so equal records give equal hashes. */
const contentHashOf = (model: MinutesModel) => sha256Of(canonicalJson(model));

/** The id of the `ordinal`-th version (from 0) of `key` rendered from content `contentHash`: an RFC 9562 version 8 UUID. */
function versionId(key: VersionKey, contentHash: string, ordinal: number): string {
  const h = sha256Of(canonicalJson([key.meetingId, key.format, key.agencyId, contentHash, ordinal]));
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function versionsOf(db: Pick<Db, 'minutesVersion'>, key: VersionKey) {
  return db.minutesVersion.findMany({ where: key, orderBy: { createdAt: 'asc' }, select: { id: true, sha256: true, createdAt: true } });
}

/**
 * Makes sure the latest stored version of `key` is the record copy of `model`, rendering it
 * (with `render`) only when the records changed since that version.
 */
export async function ensureMinutesVersion(
  db: Db, key: VersionKey, model: MinutesModel, render: () => Promise<Buffer> | Buffer, generatedById: string,
): Promise<StoredVersion> {
  const contentHash = contentHashOf(model);
  const current = (versions: { id: string; sha256: string }[]) => {
    const latest = versions[versions.length - 1];
    return latest && latest.id === versionId(key, contentHash, versions.length - 1) ? { id: latest.id, sha256: latest.sha256, created: false } : null;
  };
  const unchanged = current(await versionsOf(db, key));
  if (unchanged) return unchanged;

  // Rendered outside the transaction: no lock is held for the second or so it takes.
  const content = await render();
  return db.$transaction(async (tx) => {
    // Two people exporting the same changed minutes at once must not both add a version.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`minutes:${key.meetingId}:${key.format}:${key.agencyId ?? ''}`}, 0))`;
    const versions = await versionsOf(tx, key);
    const stored = current(versions);
    if (stored) return stored;
    const previous = versions[versions.length - 1]?.createdAt.getTime() ?? 0;
    const row = {
      ...key, id: versionId(key, contentHash, versions.length), sha256: sha256Of(content), bytes: content.length,
      content: new Uint8Array(content), generatedById,
      // Set here, under the lock, and after the previous one even if another server's clock is ahead,
      // so versions sort in the order they were added.
      createdAt: new Date(Math.max(Date.now(), previous + 1)),
    };
    await tx.minutesVersion.create({ data: row, select: { id: true } });
    return { id: row.id, sha256: row.sha256, created: true };
  });
}
