import type { AgencyCode, Role } from '../domain.js';

// Who a client's edits come from, and what that lets them decide (authorship.ts enforces it).

/** The participant behind a client's edits: their agency and their role in the meeting. */
export interface Author {
  agency: AgencyCode;
  role: Role;
}

export function mayWriteResearch(author: Author, agency: string): boolean {
  return author.agency === agency;
}

/** Whether `author` may set the status of an action for `agency`, or confirm one proposed for it. */
export function mayConfirmAction(author: Author, agency: string | null): boolean {
  return author.role === 'CHAIR' || (agency !== null && agency === author.agency);
}

/** What `proposedBy` holds for an action `author` assigns to `agency`: null when it is theirs to assign. */
export function proposerFor(author: Author, agency: string | null): AgencyCode | null {
  return mayConfirmAction(author, agency) ? null : author.agency;
}
