import { z } from 'zod';
import { AgencyCode, IsoDate, ParticipantMode } from '../domain.js';

// Invitation links (docs/architecture.md, Access): a chair invites one agency's representative or observer;
// opening the link shows the meeting's site and date only, then puts the person in the lobby.

/** The longest an invitation may stay open: a week covers preparing for the next meeting. */
export const MAX_INVITE_DAYS = 7;
export const MAX_INVITE_USES = 50;

/** Invitees get one of these; chair, coordinator and auditor are staff accounts only. */
export const InviteRole = z.enum(['REP', 'OBSERVER']);
export type InviteRole = z.infer<typeof InviteRole>;

export const CreateInviteRequest = z.object({
  agencyCode: AgencyCode,
  role: InviteRole,
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) > Date.now(), 'must be in the future')
    // A minute's grace, so a client that picks "exactly 7 days" is not refused for clock skew.
    .refine((v) => Date.parse(v) <= Date.now() + MAX_INVITE_DAYS * 86_400_000 + 60_000, `must be at most ${MAX_INVITE_DAYS} days ahead`),
  maxUses: z.number().int().min(1).max(MAX_INVITE_USES),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

/** The only time the link (and so the token) is shown: the server keeps just its hash. */
export const CreatedInvite = z.object({ id: z.string(), url: z.string() });
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const InviteState = z.enum(['ACTIVE', 'EXPIRED', 'REVOKED', 'USED_UP']);
export type InviteState = z.infer<typeof InviteState>;

export const InviteSummary = z.object({
  id: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  role: InviteRole,
  expiresAt: z.iso.datetime(),
  uses: z.number().int(),
  maxUses: z.number().int(),
  revoked: z.boolean(),
  state: InviteState,
  createdAt: z.iso.datetime(),
});
export type InviteSummary = z.infer<typeof InviteSummary>;

/** What the link's page shows before joining: nothing about the families on the list. */
export const JoinInfo = z.object({
  /** `training`: a training site's meeting, which the page marks TRAINING. */
  meeting: z.object({ siteName: z.string(), date: IsoDate, training: z.boolean() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  role: InviteRole,
});
export type JoinInfo = z.infer<typeof JoinInfo>;

export const JoinRequest = z.object({
  displayName: z.string().trim().min(1).max(100),
  mode: ParticipantMode,
  confidentialityAcknowledged: z.literal(true, { error: 'the confidentiality statement must be acknowledged' }),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const LobbyStatus = z.enum(['WAITING', 'ADMITTED', 'DECLINED', 'REMOVED', 'CLOSED']);
export type LobbyStatus = z.infer<typeof LobbyStatus>;

export const JoinResult = z.object({ participantId: z.string(), status: z.literal('WAITING') });
export type JoinResult = z.infer<typeof JoinResult>;

/** The lobby page polls this until the chair answers. */
export const LobbyState = z.object({
  status: LobbyStatus,
  meetingId: z.string(),
  displayName: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  /** `training`: a training site's meeting, which the page marks TRAINING. */
  meeting: z.object({ siteName: z.string(), date: IsoDate, training: z.boolean() }),
  /**
   * Set once the meeting has closed, for a representative the chair admitted: until when their
   * agency's minutes and action list can still be downloaded. Null otherwise.
   */
  packsUntil: z.iso.datetime().nullable(),
});
export type LobbyState = z.infer<typeof LobbyState>;

/** Why a link does not work; the page says which, and nothing about any meeting. */
export const InviteRefusal = z.enum(['INVITE_UNKNOWN', 'INVITE_EXPIRED', 'INVITE_REVOKED', 'INVITE_USED_UP', 'MEETING_CLOSED']);
export type InviteRefusal = z.infer<typeof InviteRefusal>;
