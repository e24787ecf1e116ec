import type { Db } from '../db/client.js';
import { minutesPdf } from './minutes-pdf.js';
import { loadMinutesModel } from './minutes-model.js';
import { ensureMinutesVersion, type StoredVersion } from './minutes-versions.js';
import { recordStamp } from './watermark.js';

/** At close: the full minutes PDF becomes a stored MinutesVersion (docs/architecture.md, Records). */
export async function storeRecordCopy(db: Db, meetingId: string, generatedById: string): Promise<StoredVersion> {
  const model = await loadMinutesModel(db, meetingId, null);
  return ensureMinutesVersion(db, { meetingId, format: 'PDF', agencyId: null }, model, () => minutesPdf(model, recordStamp(model)), generatedById);
}
