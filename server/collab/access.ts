import { parseDocName, type Author, type DocName } from '../../shared/meeting-doc/index.js';
import { decideMeetingAccess, READ_ONLY_ROLES, type MeetingRefusal } from '../access/meeting-access.js';
import { decidePlanAccess } from '../access/plan-access.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';

export type DocAccess =
  | {
      ok: true; name: DocName; mode: 'write' | 'read';
      /** The meeting participant it is opened through; null for a family's plan, which no meeting holds. */
      participantId: string | null;
      author: Author; principal: Principal;
    }
  | { ok: false; status: 400 | 401 | 403 | 404; code: string; reason: string; /** For the audit trail only, when the client must not learn it. */ why?: string };

const STATUS: Record<MeetingRefusal, 401 | 403 | 404> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, CONFIDENTIALITY_NOT_ACKNOWLEDGED: 403, NOT_FOUND: 404,
};

type Refusal = { refusal: MeetingRefusal; reason: string; why?: string };
const refused = (r: Refusal): DocAccess => ({ ok: false, status: STATUS[r.refusal], code: r.refusal, reason: r.reason, ...(r.why && { why: r.why }) });

/**
 * Who may open which document, decided before the websocket upgrade completes: a meeting's
 * (access/meeting-access.ts, as for its control socket), and for an agency's preparation, only that
 * agency's own people who may write; a family's plan by its case (access/plan-access.ts).
 */
export async function resolveDocAccess(db: Db, principal: Principal | null, rawName: string): Promise<DocAccess> {
  const name = parseDocName(rawName);
  if (!name) return { ok: false, status: 400, code: 'BAD_DOC_NAME', reason: 'not a document name' };
  if (name.kind === 'plan' || name.kind === 'plan-private') {
    const plan = await decidePlanAccess(db, principal, name.caseId, name.kind);
    if (!plan.ok) return refused(plan);
    return { ok: true, name, mode: plan.mode, participantId: null, author: plan.author, principal: plan.principal };
  }
  const access = await decideMeetingAccess(db, principal, name.meetingId);
  if (!access.ok) return refused(access);
  if (name.kind === 'prep') {
    if (name.agencyCode !== access.principal.agency.code) return { ok: false, status: 403, code: 'FORBIDDEN', reason: "another agency's preparation" };
    if (READ_ONLY_ROLES.has(access.principal.role)) return { ok: false, status: 403, code: 'FORBIDDEN', reason: 'observers do not prepare research' };
  }
  return { ok: true, name, mode: access.mode, participantId: access.participantId, author: access.author, principal: access.principal };
}
