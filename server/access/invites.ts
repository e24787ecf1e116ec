import { InviteRole, type CreateInviteRequest, type InviteState, type InviteSummary } from '../../shared/api/invites.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorLabel } from '../auth/principal.js';
import type { Db, Prisma } from '../db/client.js';
import { conflict, invalidField, notFound } from '../domain/domain-error.js';
import { newInviteToken } from './invite-tokens.js';
import type { StaffPrincipal } from './require-role.js';

// The chair's side of invitation links: create (the token is returned once), list, revoke.

const summarySelect = {
  id: true, role: true, expiresAt: true, uses: true, maxUses: true, revokedAt: true, createdAt: true,
  agency: { select: { code: true, name: true } },
} as const;

type SummaryRow = Prisma.InviteGetPayload<{ select: typeof summarySelect }>;

export function inviteState(row: Pick<SummaryRow, 'revokedAt' | 'expiresAt' | 'uses' | 'maxUses'>, now = new Date()): InviteState {
  if (row.revokedAt) return 'REVOKED';
  if (row.expiresAt <= now) return 'EXPIRED';
  if (row.uses >= row.maxUses) return 'USED_UP';
  return 'ACTIVE';
}

function toSummary(row: SummaryRow): InviteSummary {
  return {
    id: row.id, agency: row.agency, role: InviteRole.parse(row.role), expiresAt: row.expiresAt.toISOString(),
    uses: row.uses, maxUses: row.maxUses, revoked: row.revokedAt !== null, state: inviteState(row), createdAt: row.createdAt.toISOString(),
  };
}

export async function createInvite(
  db: Db, audit: AuditLog, chair: StaffPrincipal, meetingId: string, req: CreateInviteRequest,
): Promise<{ id: string; token: string }> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
  if (!meeting) throw notFound('Meeting');
  if (meeting.status === 'CLOSED') throw conflict('MEETING_CLOSED', 'This meeting is closed: nobody can join it any more');
  const agency = await db.agency.findUnique({ where: { code: req.agencyCode }, select: { id: true } });
  if (!agency) {
    throw invalidField('agencyCode', `No agency has the code ${req.agencyCode}`, 'Invalid request body');
  }
  const { token, hash } = newInviteToken();
  const invite = await db.$transaction(async (tx) => {
    const row = await tx.invite.create({
      data: {
        meetingId, agencyId: agency.id, role: req.role, tokenHash: hash, expiresAt: new Date(req.expiresAt), maxUses: req.maxUses, createdById: chair.userId,
      },
      select: { id: true },
    });
    await audit.record({
      actorId: chair.userId, actorLabel: actorLabel(chair), action: 'invite.create', subjectType: 'Invite', subjectId: row.id, meetingId,
      details: { agency: req.agencyCode, role: req.role, expiresAt: new Date(req.expiresAt).toISOString(), maxUses: req.maxUses },
    }, tx);
    return row;
  });
  return { id: invite.id, token };
}

export async function listInvites(db: Db, meetingId: string): Promise<InviteSummary[]> {
  if (!(await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true } }))) throw notFound('Meeting');
  const rows = await db.invite.findMany({ where: { meetingId }, select: summarySelect, orderBy: { createdAt: 'desc' } });
  return rows.map(toSummary);
}

/**
 * Stops the link working, and withdraws everyone who joined by it: waiting in the lobby or
 * admitted, they are removed from the meeting. Returns those participants, whose live connections
 * the caller closes (access/live-access.ts).
 */
export async function revokeInvite(
  db: Db, audit: AuditLog, chair: StaffPrincipal, inviteId: string,
): Promise<{ invite: InviteSummary; meetingId: string; removed: string[] }> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.invite.updateMany({ where: { id: inviteId, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.invite.findUnique({ where: { id: inviteId }, select: { ...summarySelect, meetingId: true } });
    if (!row) throw notFound('Invite');
    let removed: string[] = [];
    if (changed.count > 0) {
      const joined = await tx.participant.findMany({ where: { inviteId, removedAt: null }, select: { id: true } });
      removed = joined.map((p) => p.id);
      await tx.participant.updateMany({ where: { id: { in: removed } }, data: { removedAt: now } });
      await audit.record({
        actorId: chair.userId, actorLabel: actorLabel(chair), action: 'invite.revoke', subjectType: 'Invite', subjectId: row.id, meetingId: row.meetingId,
        details: { participantsRemoved: removed },
      }, tx);
    }
    return { invite: toSummary(row), meetingId: row.meetingId, removed };
  });
}
