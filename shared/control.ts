import { z } from 'zod';
import { AgendaItemStatus, MeetingStatus, ParticipantMode, Role } from './domain.js';

// The control plane (socket.io, docs/architecture.md): clients send commands, the server — the only writer of
// control state — answers each with an ack and broadcasts what changed to the meeting's room.

const ItemId = z.string().min(1).max(64);
const ParticipantId = z.string().min(1).max(64);

/** A rule a field broke, shown at that field (path within the item, e.g. `actions.<id>.due`). */
export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const CommandError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(FieldError).optional(),
});
export type CommandError = z.infer<typeof CommandError>;

/** What a command answers: its result spread into `{ok:true,…}`, or the refusal. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: CommandError };

export const FinalizeResult = z.object({
  itemId: z.string(),
  decisionId: z.string(),
  version: z.number().int(),
  /** False when nothing changed since the last decision: no new version was written. */
  created: z.boolean(),
});
export type FinalizeResult = z.infer<typeof FinalizeResult>;

/** One item of `items:finalize`: decided, or refused on its own. */
export const BulkItemResult = z.discriminatedUnion('ok', [
  FinalizeResult.extend({ ok: z.literal(true) }),
  z.object({ itemId: z.string(), ok: z.literal(false), error: CommandError }),
]);
export type BulkItemResult = z.infer<typeof BulkItemResult>;

const Done = z.object({});

/**
 * Every command with its payload and its result, declared together: the server's handlers must
 * return their command's result, and the client's `send` resolves to `Ack<CommandResult<C>>`.
 * Chair commands are marked in CHAIR_COMMANDS.
 */
export const Commands = {
  'meeting:start': { payload: z.object({}), result: z.object({ carriedOver: z.number().int() }) },
  'focus:set': { payload: z.object({ itemId: ItemId.nullable() }), result: Done },
  'timer:start': { payload: z.object({ itemId: ItemId }), result: Done },
  'timer:stop': { payload: z.object({}), result: Done },
  'item:defer': { payload: z.object({ itemId: ItemId, reason: z.string().max(2000).default('') }), result: Done },
  'item:finalize': { payload: z.object({ itemId: ItemId }), result: FinalizeResult },
  /** Makes a decided item editable again; finalizing it afterwards records a new version if it changed. */
  'item:reopen': { payload: z.object({ itemId: ItemId }), result: Done },
  /** Bulk: each item is still checked by the rules; the ack lists each result. */
  'items:finalize': { payload: z.object({ itemIds: z.array(ItemId).min(1).max(300) }), result: z.object({ results: z.array(BulkItemResult) }) },
  /** The result names the stored minutes (null when the chair has no staff account to store them under). */
  'meeting:close': { payload: z.object({}), result: z.object({ minutesSha256: z.string().nullable() }) },
  'lobby:admit': { payload: z.object({ participantId: ParticipantId }), result: Done },
  'lobby:decline': { payload: z.object({ participantId: ParticipantId }), result: Done },
  'participant:remove': { payload: z.object({ participantId: ParticipantId }), result: Done },
} as const satisfies Record<string, { payload: z.ZodType<object>; result: z.ZodType<object> }>;
export type CommandName = keyof typeof Commands;
/** What a client sends (defaults may be left out). */
export type CommandPayload<C extends CommandName> = z.input<(typeof Commands)[C]['payload']>;
/** What a handler receives, once parsed. */
export type ParsedPayload<C extends CommandName> = z.output<(typeof Commands)[C]['payload']>;
export type CommandResult<C extends CommandName> = z.infer<(typeof Commands)[C]['result']>;

export const CHAIR_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'meeting:start', 'focus:set', 'timer:start', 'timer:stop', 'item:defer', 'item:finalize', 'item:reopen', 'items:finalize',
  'meeting:close', 'lobby:admit', 'lobby:decline', 'participant:remove',
]);

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
