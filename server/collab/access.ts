import { parseDocName, type Author, type DocName } from '../../shared/meeting-doc/index.js';
import { ACKNOWLEDGE_FIRST } from '../access/confidentiality.js';
import { reachesSite } from '../access/site-scope.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { participantFor } from '../meeting/participants.js';
import { opensMeetingContent } from '../access/meeting-content-roles.js';

export type DocAccess =
  | { ok: true; name: DocName; mode: 'write' | 'read'; participantId: string; author: Author }
  | { ok: false; status: 400 | 401 | 403 | 404; reason: string; /** For the audit trail only, when the client must not learn it. */ why?: string };

const REFUSALS = {
  NOT_ADMITTED: 'not a participant of this meeting',
  CONFIDENTIALITY_NOT_ACKNOWLEDGED: ACKNOWLEDGE_FIRST,
} as const;

/** Roles that may read a meeting's content but never change it. */
const READ_ONLY_ROLES = new Set(['OBSERVER']);

/**
 * Who may open which document: decided before the websocket upgrade completes.
 * Meeting docs: participants of that meeting (observers and everyone once it is CLOSED read-only;
 * auditors never — they see records and audit, not meeting content). Prep docs: only the agency's own.
 */
export async function resolveDocAccess(db: Db, principal: Principal | null, rawName: string): Promise<DocAccess> {
  const name = parseDocName(rawName);
  if (!name) return { ok: false, status: 400, reason: 'not a document name' };
  if (!principal) return { ok: false, status: 401, reason: 'no valid session' };
  if (!opensMeetingContent(principal.role)) return { ok: false, status: 403, reason: 'auditors and administrators do not open meeting content' };
  if (principal.kind === 'invitee' && principal.meetingId !== name.meetingId) {
    return { ok: false, status: 403, reason: 'not a participant of this meeting' };
  }
  const meeting = await db.meeting.findUnique({ where: { id: name.meetingId }, select: { status: true, siteId: true } });
  // An invitee of another meeting got 403 above, so 404 tells nobody about meetings they can't see;
  // another site's meeting answers as one that does not exist.
  if (!meeting) return { ok: false, status: 404, reason: 'no such meeting' };
  if (principal.kind === 'staff' && !reachesSite(principal, meeting.siteId)) return { ok: false, status: 404, reason: 'no such meeting', why: 'another site' };
  if (name.kind === 'prep') {
    if (name.agencyCode !== principal.agency.code) return { ok: false, status: 403, reason: "another agency's preparation" };
    if (READ_ONLY_ROLES.has(principal.role)) return { ok: false, status: 403, reason: 'observers do not prepare research' };
  }
  const participant = await participantFor(db, principal, { id: name.meetingId, status: meeting.status });
  if (!participant.ok) return { ok: false, status: 403, reason: REFUSALS[participant.reason] };
  const readOnly = READ_ONLY_ROLES.has(principal.role) || meeting.status === 'CLOSED';
  const author = { agency: principal.agency.code, role: principal.role };
  return { ok: true, name, mode: readOnly ? 'read' : 'write', participantId: participant.id, author };
}
