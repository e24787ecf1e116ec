import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { InviteePrincipal, Principal } from './principal.js';

export const SESSION_COOKIE = 'samroom_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const agencySelect = { id: true, code: true, name: true, kind: true } as const;

/**
 * Opaque random session tokens. Only a keyed hash (HMAC with SESSION_SECRET) is stored, so a copy
 * of the database alone cannot be turned into working cookies.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    /** Administrators must have a second factor: on while local (password) sign-in is. */
    private readonly adminsNeedSecondFactor: boolean,
  ) {}

  private hash(token: string): string {
    return createHmac('sha256', this.secret).update(token).digest('base64url');
  }

  async create(owner: { userId: string } | { participantId: string }): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.db.session.create({ data: { ...owner, tokenHash: this.hash(token), expiresAt } });
    return { token, expiresAt };
  }

  /**
   * Ends a session; returns its id when this call ended it, so the caller can close its live
   * connections (access/live-access.ts).
   */
  async revoke(token: string): Promise<string | null> {
    if (token.length > 200) return null;
    const session = await this.db.session.findUnique({ where: { tokenHash: this.hash(token) }, select: { id: true } });
    if (!session) return null;
    const ended = await this.db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date() } });
    return ended.count > 0 ? session.id : null;
  }

  /**
   * The participant behind a live invitee session, even after the chair declined or removed them
   * (resolve() refuses those), so the lobby page can tell them what happened.
   */
  async participantOf(token: string | undefined): Promise<string | null> {
    if (!token || token.length > 200) return null;
    const session = await this.db.session.findUnique({
      where: { tokenHash: this.hash(token) },
      select: { participantId: true, revokedAt: true, expiresAt: true },
    });
    if (!session || session.revokedAt || session.expiresAt < new Date()) return null;
    return session.participantId;
  }

  /**
   * The invitee behind a live session whose meeting has closed, with when it closed. resolve()
   * no longer returns them: only the export routes accept this, for their agency's own minutes and
   * action list in the window after the close (access/after-close.ts).
   */
  async closedMeetingInvitee(token: string | undefined): Promise<{ principal: InviteePrincipal; closedAt: Date } | null> {
    if (!token || token.length > 200) return null;
    const session = await this.db.session.findUnique({
      where: { tokenHash: this.hash(token) },
      include: { participant: { include: { agency: { select: agencySelect }, meeting: { select: { status: true, closedAt: true, site: { select: { training: true } } } } } } },
    });
    if (!session || session.revokedAt || session.expiresAt < new Date()) return null;
    const { participant } = session;
    if (!participant || participant.removedAt || participant.declinedAt || participant.meeting.status !== 'CLOSED' || !participant.meeting.closedAt) return null;
    return {
      principal: {
        kind: 'invitee', sessionId: session.id, sessionExpiresAt: session.expiresAt, participantId: participant.id, meetingId: participant.meetingId,
        admitted: participant.admittedAt !== null, trainingSite: participant.meeting.site.training,
        displayName: participant.displayName, role: participant.role, agency: participant.agency,
      },
      closedAt: participant.meeting.closedAt,
    };
  }

  /**
   * At a meeting's close: keeps its admitted invitees' live sessions until `until`, so they can take
   * their agency's pack; never shortens one. After the close these sessions open nothing else.
   */
  async keepInviteesUntil(meetingId: string, until: Date): Promise<void> {
    await this.db.session.updateMany({
      where: {
        revokedAt: null, expiresAt: { gt: new Date(), lt: until },
        participant: { meetingId, admittedAt: { not: null }, removedAt: null, declinedAt: null },
      },
      data: { expiresAt: until },
    });
  }

  /** The principal behind a token, or null when it is unknown, expired, revoked or disabled. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const session = await this.db.session.findUnique({
      where: { tokenHash: this.hash(token) },
      include: {
        user: { include: { agency: { select: agencySelect }, site: { select: { training: true } } } },
        participant: { include: { agency: { select: agencySelect }, meeting: { select: { status: true, site: { select: { training: true } } } } } },
      },
    });
    if (!session || session.revokedAt || session.expiresAt < new Date()) return null;
    const { user, participant } = session;
    if (user && !user.disabledAt) {
      return {
        kind: 'staff', sessionId: session.id, sessionExpiresAt: session.expiresAt, userId: user.id, email: user.email, displayName: user.displayName,
        role: user.role, agency: user.agency, siteId: user.siteId, national: user.national,
        trainingSite: user.site.training,
        secondFactor: user.totpConfirmedAt ? 'enrolled' : this.adminsNeedSecondFactor && user.role === 'SITE_ADMIN' ? 'required' : 'none',
      };
    }
    // An invitee's access ends when the chair removes them or the meeting closes.
    if (participant && !participant.removedAt && !participant.declinedAt && participant.meeting.status !== 'CLOSED') {
      return {
        kind: 'invitee', sessionId: session.id, sessionExpiresAt: session.expiresAt, participantId: participant.id, meetingId: participant.meetingId,
        admitted: participant.admittedAt !== null, trainingSite: participant.meeting.site.training,
        displayName: participant.displayName, role: participant.role, agency: participant.agency,
      };
    }
    return null;
  }
}
