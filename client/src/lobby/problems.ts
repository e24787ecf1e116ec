import { InviteRefusal, type LobbyStatus } from '../../../shared/api/invites.js';

/** Why someone can't get (or stay) in: each page says which, and nothing about any meeting. */
export type Problem = InviteRefusal | Exclude<LobbyStatus, 'WAITING' | 'ADMITTED'> | 'NO_LOBBY' | 'RATE_LIMITED';

export const PROBLEMS: Record<Problem, { title: string; body: string }> = {
  INVITE_UNKNOWN: {
    title: 'This link doesn’t work',
    body: 'The invitation link isn’t valid. Check that you opened the whole link from the message you were sent, or ask the meeting’s chair for a new one.',
  },
  INVITE_EXPIRED: {
    title: 'This invitation has expired',
    body: 'Invitation links work for a limited time only. Ask the meeting’s chair for a new one.',
  },
  INVITE_REVOKED: {
    title: 'This invitation was withdrawn',
    body: 'The chair has withdrawn this link. If you still need to join, ask the chair for a new one.',
  },
  INVITE_USED_UP: {
    title: 'This invitation has been used',
    body: 'This link has been used as many times as the chair allowed. Ask the meeting’s chair for a new one.',
  },
  MEETING_CLOSED: {
    title: 'The meeting has closed',
    body: 'The meeting this link was for has finished, so it can’t be joined any more.',
  },
  CLOSED: {
    title: 'The meeting has closed',
    body: 'The meeting has finished, and your access to it has ended.',
  },
  DECLINED: {
    title: 'The chair didn’t admit you',
    body: 'The chair declined your request to join this meeting. If you think this is a mistake, contact the chair.',
  },
  REMOVED: {
    title: 'You were removed from the meeting',
    body: 'The chair removed you from this meeting, and your access to it has ended.',
  },
  NO_LOBBY: {
    title: 'You’re not waiting to join a meeting',
    body: 'To join a meeting, open the invitation link the chair sent you.',
  },
  RATE_LIMITED: {
    title: 'Too many attempts',
    body: 'There have been too many invalid links from this network. Wait a few minutes, then open the link again.',
  },
};

/** The page to show for an API error code, when it is one of these. */
export function problemOf(code: string): Problem | null {
  if (code === 'RATE_LIMITED') return 'RATE_LIMITED';
  const refusal = InviteRefusal.safeParse(code);
  return refusal.success ? refusal.data : null;
}
