import type { Role } from '../../shared/domain.js';

// Auditors and administrators never open a meeting's content (its documents, its control plane, its
// exports): auditors read the records and the audit trail, administrators run people and sign-in.
const NO_MEETING_CONTENT: ReadonlySet<Role> = new Set<Role>(['AUDITOR', 'SITE_ADMIN']);

export const opensMeetingContent = (role: Role) => !NO_MEETING_CONTENT.has(role);
