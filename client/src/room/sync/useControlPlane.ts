import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  Broadcasts, CommandError, Commands, type Ack, type BroadcastName, type BroadcastPayload, type CommandName, type CommandPayload,
  type CommandResult, type LobbyEntry, type RosterEntry,
} from '../../../../shared/control.js';

// The meeting's control plane (socket.io, shared/control.ts): the server is the only writer of
// control state, so this hook only renders its broadcasts and sends commands, each answered by an
// ack. Broadcasts and acks are parsed: a message this client doesn't understand is ignored rather
// than trusted.

type ListenEvents = { [B in BroadcastName]: (payload: unknown) => void };
/** Payloads are typed by `send`'s signature; one shared shape here keeps socket.io's types resolvable. */
type EmitEvents = Record<CommandName, (payload: unknown, ack: (response: unknown) => void) => void>;

export type ControlConnection = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ControlState {
  connection: ControlConnection;
  /** Why the server refused or ended this connection. */
  refusal: string | null;
  /** Null until the first roster arrives. */
  roster: RosterEntry[] | null;
  /** Chair and coordinator only. */
  lobby: LobbyEntry[];
  focus: BroadcastPayload<'focus'>;
  timer: BroadcastPayload<'timer'>;
  /** Null until the server says; the REST status stands in meanwhile. */
  meetingStatus: BroadcastPayload<'meeting:status'> | null;
  /** The latest `item:decided`, for announcing it. */
  lastDecided: BroadcastPayload<'item:decided'> | null;
}

/** Sends a command; resolves to its ack, with the command's own result when it succeeded. */
export type SendCommand = <C extends CommandName>(name: C, payload: CommandPayload<C>) => Promise<Ack<CommandResult<C>>>;

export interface ControlPlane extends ControlState {
  send: SendCommand;
}

const ACK_TIMEOUT_MS = 15_000;

const AckWire = z.discriminatedUnion('ok', [
  z.looseObject({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: CommandError }),
]);

const INITIAL: ControlState = {
  connection: 'connecting',
  refusal: null,
  roster: null,
  lobby: [],
  focus: { itemId: null, setAt: null },
  timer: { itemId: null, startedAt: null, elapsedMs: 0 },
  meetingStatus: null,
  lastDecided: null,
};

function failure(code: string, message: string): { ok: false; error: CommandError } {
  return { ok: false, error: { code, message } };
}

export function useControlPlane(meetingId: string): ControlPlane {
  const [state, setState] = useState<ControlState>(INITIAL);
  const socketRef = useRef<Socket<ListenEvents, EmitEvents> | null>(null);

  useEffect(() => {
    setState(INITIAL);
    // Websocket only: no long-polling fallback, so no sticky sessions are needed behind a balancer.
    const socket: Socket<ListenEvents, EmitEvents> = io({ path: '/socket.io', transports: ['websocket'], auth: { meetingId } });
    socketRef.current = socket;
    const patch = (p: Partial<ControlState>) => setState((s) => ({ ...s, ...p }));

    socket.on('connect', () => patch({ connection: 'connected', refusal: null }));
    socket.on('connect_error', (err) => {
      // An inactive socket after an error means the server's handshake check said no: don't retry.
      if (socket.active) patch({ connection: 'reconnecting' });
      else patch({ connection: 'refused', refusal: err.message });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') setState((s) => ({ ...s, connection: 'refused', refusal: s.refusal ?? 'The meeting ended this connection.' }));
      else if (reason !== 'io client disconnect') patch({ connection: 'reconnecting' });
    });

    const listen = <S extends z.ZodType>(name: BroadcastName, schema: S, apply: (payload: z.output<S>) => void) => {
      socket.on(name, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) apply(parsed.data);
      });
    };
    listen('roster', Broadcasts.roster, ({ participants }) => patch({ roster: participants }));
    listen('lobby', Broadcasts.lobby, ({ waiting }) => patch({ lobby: waiting }));
    listen('focus', Broadcasts.focus, (focus) => patch({ focus }));
    listen('timer', Broadcasts.timer, (timer) => patch({ timer }));
    listen('meeting:status', Broadcasts['meeting:status'], (meetingStatus) => patch({ meetingStatus }));
    listen('item:decided', Broadcasts['item:decided'], (lastDecided) => patch({ lastDecided }));
    listen('access:ended', Broadcasts['access:ended'], ({ reason }) => patch({ connection: 'refused', refusal: reason }));

    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [meetingId]);

  const send: SendCommand = useCallback(async <C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<Ack<CommandResult<C>>> => {
    const socket = socketRef.current;
    // socket.io would buffer a command sent while disconnected and run it whenever the link
    // returns; a finalize or close must never happen later by surprise.
    if (!socket?.connected) return failure('NOT_CONNECTED', 'Not connected to the meeting. Wait for the connection to come back, then try again.');
    let response: unknown;
    try {
      // Widened to any command: the events share one signature, which socket.io's types resolve only for a known name.
      const command: CommandName = name;
      response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(command, payload);
    } catch {
      return failure('TIMEOUT', 'The server didn’t answer in time. Check the item before trying again.');
    }
    const ack = AckWire.safeParse(response);
    const unreadable = () => failure('BAD_ACK', 'The server sent an answer this page doesn’t understand. Reload and try again.');
    if (!ack.success) return unreadable();
    if (!ack.data.ok) return { ok: false, error: ack.data.error };
    // Parsed with this command's result schema (indexed by a generic name, TypeScript sees a union).
    const result = Commands[name].result.safeParse(ack.data);
    return result.success ? { ok: true, ...(result.data as CommandResult<C>) } : unreadable();
  }, []);

  return { ...state, send };
}
