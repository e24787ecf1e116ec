import { AgencyCode } from '../domain.js';
import { MeetingDocError } from './errors.js';
import { EntityId } from './schemas.js';

// Names of the Yjs documents (docs/architecture.md). Parsed from untrusted URLs (/collab/:doc), so the parser
// accepts exactly the shapes below and nothing else: no decoding, no trimming, no extra parts.
// A family's safety plan is per case, not per meeting: `plan:<caseId>`, and its private part (the
// victim's voice and safe contact) as a document of its own, `plan-private:<caseId>`, since Yjs
// syncs whole documents and that part has narrower readers.

export type DocName =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'prep'; meetingId: string; agencyCode: AgencyCode }
  | { kind: 'plan'; caseId: string }
  | { kind: 'plan-private'; caseId: string };
export type DocKind = DocName['kind'];
export type MeetingDocName = Extract<DocName, { meetingId: string }>;
export type PlanDocName = Extract<DocName, { caseId: string }>;

/** Longer than any valid name (`prep:` + 64 + `:` + 32), checked before splitting a huge input. */
const MAX_NAME_LENGTH = 128;

export function parseDocName(name: string): DocName | null {
  if (name.length > MAX_NAME_LENGTH) return null;
  const parts = name.split(':');
  const [kind, id, agencyCode] = parts;
  if (id === undefined || !EntityId.safeParse(id).success) return null;
  if (kind === 'meeting' && parts.length === 2) return { kind, meetingId: id };
  if ((kind === 'plan' || kind === 'plan-private') && parts.length === 2) return { kind, caseId: id };
  if (kind === 'prep' && parts.length === 3 && agencyCode !== undefined && AgencyCode.safeParse(agencyCode).success) {
    return { kind, meetingId: id, agencyCode };
  }
  return null;
}

function unparsed(name: DocName): string {
  switch (name.kind) {
    case 'meeting': return `meeting:${name.meetingId}`;
    case 'prep': return `prep:${name.meetingId}:${name.agencyCode}`;
    case 'plan': case 'plan-private': return `${name.kind}:${name.caseId}`;
  }
}

/** Builds a doc name; throws on an id or agency code the parser would reject. */
export function formatDocName(name: DocName): string {
  const formatted = unparsed(name);
  if (parseDocName(formatted) === null) throw new MeetingDocError(`Invalid doc name parts: ${JSON.stringify(name)}`);
  return formatted;
}

/** The meeting a document belongs to; null for a family's plan, which outlives meetings. */
export const meetingOfDoc = (name: DocName): string | null => ('meetingId' in name ? name.meetingId : null);

export function meetingDocName(meetingId: string): string {
  return formatDocName({ kind: 'meeting', meetingId });
}

export function prepDocName(meetingId: string, agencyCode: AgencyCode): string {
  return formatDocName({ kind: 'prep', meetingId, agencyCode });
}

export function planDocName(caseId: string): string {
  return formatDocName({ kind: 'plan', caseId });
}

export function planPrivateDocName(caseId: string): string {
  return formatDocName({ kind: 'plan-private', caseId });
}
