import type { Principal } from '../auth/principal.js';
import type { MinutesModel } from './minutes-model.js';
import { stampTime } from './nz-format.js';

// Who a copy was made for and when, printed on every copy. The stored record copy (see
// minutes-versions.ts) carries a fixed line instead, so the same records always give the same
// bytes; each downloaded copy is still traceable to a person through its own line and the audit.

/** What a renderer needs besides the model: the copy's line, and the file's creation time. */
export interface Stamp {
  line: string;
  /** Document metadata date: now for a downloaded copy, the meeting's close for the record copy. */
  at: Date;
}

/** Leads the line on everything a training site exports, so no copy passes for a real whānau's. */
export const TRAINING_MARK = 'TRAINING — synthetic data, not a real whānau';

const marked = (site: { training: boolean }, line: string) => (site.training ? `${TRAINING_MARK} · ${line}` : line);

export function viewerStamp(principal: Principal, at: Date, site: { training: boolean }): Stamp {
  return {
    line: marked(site, `Copy for ${principal.displayName} (${principal.agency.code}) · ${stampTime(at)} · confidential, do not forward`),
    at,
  };
}

/** The record copy of a closed meeting's minutes. */
export function recordStamp(model: MinutesModel): Stamp {
  const closedAt = model.meeting.closedAt ?? model.meeting.startedAt ?? new Date(`${model.meeting.date}T00:00:00.000Z`);
  return { line: marked(model.meeting.site, `Record copy · meeting closed ${stampTime(closedAt)}`), at: closedAt };
}
