import { AgencyCode } from '../domain.js';
import { MeetingDocError } from './errors.js';
import { EntityId } from './schemas.js';

// Names of the Yjs documents (docs/architecture.md). Parsed from untrusted URLs (/collab/:doc), so the parser
// accepts exactly the two shapes below and nothing else: no decoding, no trimming, no extra parts.

export type DocName =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'prep'; meetingId: string; agencyCode: AgencyCode };
export type DocKind = DocName['kind'];

/** Longer than any valid name (`prep:` + 64 + `:` + 32), checked before splitting a huge input. */
const MAX_NAME_LENGTH = 128;

export function parseDocName(name: string): DocName | null {
  if (name.length > MAX_NAME_LENGTH) return null;
  const parts = name.split(':');
  const [kind, meetingId, agencyCode] = parts;
  if (meetingId === undefined || !EntityId.safeParse(meetingId).success) return null;
  if (kind === 'meeting' && parts.length === 2) return { kind, meetingId };
  if (kind === 'prep' && parts.length === 3 && agencyCode !== undefined && AgencyCode.safeParse(agencyCode).success) {
    return { kind, meetingId, agencyCode };
  }
  return null;
}

/** Builds a doc name; throws on an id or agency code the parser would reject. */
export function formatDocName(name: DocName): string {
  const formatted = name.kind === 'meeting' ? `meeting:${name.meetingId}` : `prep:${name.meetingId}:${name.agencyCode}`;
  if (parseDocName(formatted) === null) throw new MeetingDocError(`Invalid doc name parts: ${JSON.stringify(name)}`);
  return formatted;
}

export function meetingDocName(meetingId: string): string {
  return formatDocName({ kind: 'meeting', meetingId });
}

export function prepDocName(meetingId: string, agencyCode: AgencyCode): string {
  return formatDocName({ kind: 'prep', meetingId, agencyCode });
}
