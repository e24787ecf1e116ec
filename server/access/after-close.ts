import type { Role } from '../../shared/domain.js';
import type { InviteePrincipal } from '../auth/principal.js';
import type { SessionStore } from '../auth/sessions.js';

// A remote invitee's access ends when the meeting closes, except for one thing: for a limited
// window (INVITEE_PACK_HOURS) an admitted representative can still download their own agency's
// need-to-know minutes and action list. Everything else refuses their session as before.

const HOUR_MS = 3_600_000;

/** When the window after a meeting's close ends. */
export const packWindowEnd = (closedAt: Date, hours: number) => new Date(closedAt.getTime() + hours * HOUR_MS);

/**
 * Until when an invitee of a closed meeting can still take their agency's pack: null for someone
 * never admitted, for observers (who export nothing), and once the window has passed.
 */
export function packsUntil(closedAt: Date, invitee: { admitted: boolean; role: Role }, hours: number, now = new Date()): Date | null {
  const end = packWindowEnd(closedAt, hours);
  return invitee.admitted && invitee.role === 'REP' && end > now ? end : null;
}

/**
 * The invitee of a closed meeting behind a session token, with the end of their window; null
 * when the token is no such session. The export routes apply the window and their usual rules.
 */
export async function inviteeAfterClose(sessions: SessionStore, token: string | undefined, hours: number): Promise<{ principal: InviteePrincipal; windowEnd: Date } | null> {
  const found = await sessions.closedMeetingInvitee(token);
  return found && { principal: found.principal, windowEnd: packWindowEnd(found.closedAt, hours) };
}
