import { z } from 'zod';
import { AgendaItemStatus, MeetingStatus, ParticipantMode, Role } from './domain.js';

// The control plane (socket.io, docs/architecture.md): clients send commands, the server — the only writer of
// control state — answers each with an ack and broadcasts what changed to the meeting's room.

const ItemId = z.string().min(1).max(64);
const ParticipantId = z.string().min(1).max(64);

/** Commands and their payloads. Chair commands are marked in CHAIR_COMMANDS. */
export const Commands = {
  'meeting:start': z.object({}),
  'focus:set': z.object({ itemId: ItemId.nullable() }),
  'timer:start': z.object({ itemId: ItemId }),
  'timer:stop': z.object({}),
  'item:defer': z.object({ itemId: ItemId, reason: z.string().max(2000).default('') }),
  'item:finalize': z.object({ itemId: ItemId }),
  /** Makes a decided item editable again; finalizing it afterwards records a new version if it changed. */
  'item:reopen': z.object({ itemId: ItemId }),
  /** Bulk: each item is still checked by the rules; the ack lists each result. */
  'items:finalize': z.object({ itemIds: z.array(ItemId).min(1).max(300) }),
  'meeting:close': z.object({}),
  'lobby:admit': z.object({ participantId: ParticipantId }),
  'lobby:decline': z.object({ participantId: ParticipantId }),
  'participant:remove': z.object({ participantId: ParticipantId }),
} as const;
export type CommandName = keyof typeof Commands;
export type CommandPayload<C extends CommandName> = z.input<(typeof Commands)[C]>;

export const CHAIR_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'meeting:start', 'focus:set', 'timer:start', 'timer:stop', 'item:defer', 'item:finalize', 'item:reopen', 'items:finalize',
  'meeting:close', 'lobby:admit', 'lobby:decline', 'participant:remove',
]);

/** A rule a field broke, shown at that field (path within the item, e.g. `actions.<id>.due`). */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const CommandError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(FieldError).optional(),
});
export type CommandError = z.infer<typeof CommandError>;

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: CommandError };

export const FinalizeResult = z.object({
  itemId: z.string(),
  decisionId: z.string(),
  version: z.number().int(),
  /** False when nothing changed since the last decision: no new version was written. */
  created: z.boolean(),
});
export type FinalizeResult = z.infer<typeof FinalizeResult>;

// ───────────── Broadcasts ─────────────

export const RosterEntry = z.object({
  participantId: z.string(),
  displayName: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  role: Role,
  mode: ParticipantMode,
  /** When they first connected to this meeting. */
  since: z.iso.datetime(),
  confidentialityAcknowledged: z.boolean(),
  /** Open tabs or devices. */
  connections: z.number().int(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const LobbyEntry = z.object({
  participantId: z.string(),
  displayName: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  role: Role,
  mode: ParticipantMode,
  waitingSince: z.iso.datetime(),
});
export type LobbyEntry = z.infer<typeof LobbyEntry>;

export const Broadcasts = {
  roster: z.object({ participants: z.array(RosterEntry) }),
  /** Sent to the chair and coordinator only. */
  lobby: z.object({ waiting: z.array(LobbyEntry) }),
  focus: z.object({ itemId: z.string().nullable(), setAt: z.iso.datetime().nullable() }),
  timer: z.object({
    itemId: z.string().nullable(),
    /** Set while running. */
    startedAt: z.iso.datetime().nullable(),
    /** Time on the item before the current run. */
    elapsedMs: z.number().int(),
  }),
  'meeting:status': z.object({ status: MeetingStatus, startedAt: z.iso.datetime().nullable(), closedAt: z.iso.datetime().nullable() }),
  /** An item's outcome changed: DECIDED (with its version), DEFERRED, or PENDING again when the chair reopened it. */
  'item:decided': z.object({ itemId: z.string(), status: AgendaItemStatus, version: z.number().int().nullable() }),
  /** To one participant, just before the server disconnects them. */
  'access:ended': z.object({ reason: z.string() }),
} as const;
export type BroadcastName = keyof typeof Broadcasts;
export type BroadcastPayload<B extends BroadcastName> = z.infer<(typeof Broadcasts)[B]>;

/** socket.io handshake `auth`: which meeting this socket is for. */
export const HandshakeAuth = z.object({ meetingId: z.uuid(), token: z.string().max(200).optional() });
