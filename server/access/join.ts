import { InviteRole, type InviteRefusal, type JoinInfo, type JoinRequest } from '../../shared/api/invites.js';
import { isoDateOf } from '../../shared/nz-time.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { DomainError, type RefusalKind } from '../domain/domain-error.js';
import { hashInviteToken, looksLikeInviteToken } from './invite-tokens.js';
import { inviteState } from './invites.js';

// The invitee's side of a link: what it shows, why it may not work, and joining the lobby.

const REFUSALS: Record<InviteRefusal, { kind: RefusalKind; message: string }> = {
  INVITE_UNKNOWN: { kind: 'not_found', message: 'This invitation link is not valid. Check that you have the whole link, or ask the chair for a new one.' },
  INVITE_EXPIRED: { kind: 'gone', message: 'This invitation link has expired. Ask the chair for a new one.' },
  INVITE_REVOKED: { kind: 'gone', message: 'The chair has withdrawn this invitation link.' },
  INVITE_USED_UP: { kind: 'gone', message: 'This invitation link has already been used as many times as it allows. Ask the chair for a new one.' },
  MEETING_CLOSED: { kind: 'gone', message: 'The meeting this link was for has closed.' },
};

const inviteSelect = {
  id: true, meetingId: true, role: true, expiresAt: true, uses: true, maxUses: true, revokedAt: true,
  agency: { select: { id: true, code: true, name: true } },
  meeting: { select: { status: true, date: true, site: { select: { name: true, training: true } } } },
} as const;

/** Who is knocking, for the audit trail: nobody is signed in yet. */
export interface Knock {
  ip: string;
}

type InviteRow = NonNullable<Awaited<ReturnType<typeof findInvite>>>;

function findInvite(db: Db, token: string) {
  return db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, select: inviteSelect });
}

function refusalOf(invite: InviteRow | null, now = new Date()): InviteRefusal | null {
  if (!invite) return 'INVITE_UNKNOWN';
  if (invite.revokedAt) return 'INVITE_REVOKED';
  if (invite.meeting.status === 'CLOSED') return 'MEETING_CLOSED';
  const state = inviteState(invite, now);
  if (state === 'EXPIRED') return 'INVITE_EXPIRED';
  if (state === 'USED_UP') return 'INVITE_USED_UP';
  return null;
}

/** Audits the refusal and returns the error to answer with: it names the reason, never a meeting. */
async function refuse(audit: AuditLog, reason: InviteRefusal, invite: InviteRow | null, knock: Knock): Promise<DomainError> {
  await audit.record({
    actorLabel: `anonymous (${knock.ip})`, action: 'invite.refused',
    subjectType: 'Invite', subjectId: invite?.id ?? null, meetingId: invite?.meetingId ?? null, details: { code: reason },
  });
  const { kind, message } = REFUSALS[reason];
  return new DomainError(kind, reason, message);
}

/** The invite behind a token, if the link works now; otherwise the (audited) refusal is thrown. */
async function usableInvite(db: Db, audit: AuditLog, token: string, knock: Knock): Promise<InviteRow> {
  const invite = looksLikeInviteToken(token) ? await findInvite(db, token) : null;
  const reason = refusalOf(invite);
  if (!invite || reason) throw await refuse(audit, reason ?? 'INVITE_UNKNOWN', invite, knock);
  return invite;
}

export async function joinInfo(db: Db, audit: AuditLog, token: string, knock: Knock): Promise<JoinInfo> {
  const invite = await usableInvite(db, audit, token, knock);
  return {
    meeting: { siteName: invite.meeting.site.name, date: isoDateOf(invite.meeting.date), training: invite.meeting.site.training },
    agency: { code: invite.agency.code, name: invite.agency.name },
    role: InviteRole.parse(invite.role),
  };
}

/**
 * Puts the person in the meeting's lobby: one use of the invite and their Participant row, in one
 * transaction. The use is a conditional increment, so concurrent joins can never exceed maxUses.
 */
export async function joinLobby(
  db: Db, audit: AuditLog, token: string, req: JoinRequest, knock: Knock,
): Promise<{ participantId: string; meetingId: string }> {
  const invite = await usableInvite(db, audit, token, knock);
  const now = new Date();
  const participantId = await db.$transaction(async (tx) => {
    // Raw SQL: one UPDATE whose WHERE compares two columns, evaluated under the row lock.
    const used = await tx.$executeRaw`
      UPDATE "Invite" SET "uses" = "uses" + 1
      WHERE "id" = ${invite.id} AND "revokedAt" IS NULL AND "expiresAt" > ${now} AND "uses" < "maxUses"`;
    if (used === 0) return null;
    const participant = await tx.participant.create({
      data: {
        meetingId: invite.meetingId, inviteId: invite.id, displayName: req.displayName, agencyId: invite.agency.id, role: invite.role,
        mode: req.mode, confidentialityAckAt: now, lobbyAt: now,
      },
      select: { id: true },
    });
    await audit.record({
      actorId: participant.id, actorLabel: `${req.displayName} (${invite.agency.code}, ${invite.role})`, action: 'invite.used',
      subjectType: 'Invite', subjectId: invite.id, meetingId: invite.meetingId,
      details: { participantId: participant.id, mode: req.mode, ip: knock.ip },
    }, tx);
    return participant.id;
  });
  if (!participantId) {
    // Someone else took the last use, or the chair revoked it, between the check and the join.
    const current = await findInvite(db, token);
    throw await refuse(audit, refusalOf(current) ?? 'INVITE_USED_UP', current, knock);
  }
  return { participantId, meetingId: invite.meetingId };
}
