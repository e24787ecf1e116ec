import { meetingOfDoc } from '../../shared/meeting-doc/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logger.js';
import type { RepairReport } from './authority.js';
import type { LifecycleDoc } from './doc-lifecycle.js';

/** Each repair the authority makes to a document goes on the audit trail, with what was wrong. */
export function repairAuditor(audit: AuditLog, log: Logger): (doc: LifecycleDoc) => RepairReport {
  return ({ name, parsed }) => (conn, problems, restoredItems) => {
    audit.record({
      actorId: conn.participantId ?? conn.speaker,
      actorLabel: conn.participantId ? `participant ${conn.participantId}` : `${conn.author.agency} ${conn.author.role}`,
      action: 'collab.repair',
      subjectType: 'Document',
      subjectId: name,
      meetingId: meetingOfDoc(parsed),
      details: {
        problems: problems.slice(0, 20).map((p) => ({ itemId: p.itemId, path: p.path.join('.'), message: p.message })),
        problemCount: problems.length,
        restoredItems,
      },
    }).catch((err: unknown) => log.error({ err }, 'audit of a document repair failed'));
  };
}
