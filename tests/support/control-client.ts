import { io, type Socket } from 'socket.io-client';
import type { Ack, BroadcastName, BroadcastPayload, CommandName, CommandPayload } from '../../shared/control.js';

export interface ControlClient {
  socket: Socket;
  /** How the first handshake ended: 'connected', or the refusal's code. */
  outcome: Promise<string>;
  /** Every broadcast received, newest last. */
  received: { event: BroadcastName; payload: unknown }[];
  last<B extends BroadcastName>(event: B): BroadcastPayload<B> | undefined;
  send<C extends CommandName>(command: C, payload: CommandPayload<C> | unknown): Promise<Ack<Record<string, unknown>>>;
  close(): void;
}

const EVENTS: BroadcastName[] = ['roster', 'lobby', 'focus', 'timer', 'meeting:status', 'item:decided', 'access:ended'];

/** A socket.io client of the control plane, as the browser uses it (websocket transport). */
export function connectControl(
  baseUrl: string, meetingId: string, token: string | undefined, headers: Record<string, string> = {}, reconnectionDelay = 100,
): ControlClient {
  const socket = io(baseUrl, {
    path: '/socket.io', transports: ['websocket'], auth: { meetingId, ...(token && { token }) },
    extraHeaders: headers, reconnectionDelay, reconnectionDelayMax: reconnectionDelay * 3,
  });
  // Listen from the start: a fast handshake may finish before anyone awaits it.
  const outcome = new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  });
  const received: ControlClient['received'] = [];
  for (const event of EVENTS) socket.on(event as string, (payload: unknown) => received.push({ event, payload }));
  return {
    socket,
    outcome,
    received,
    last: <B extends BroadcastName>(event: B) =>
      received.filter((r) => r.event === event).at(-1)?.payload as BroadcastPayload<B> | undefined,
    send: (command, payload) => socket.timeout(15_000).emitWithAck(command, payload) as Promise<Ack<Record<string, unknown>>>,
    close: () => socket.close(),
  };
}

export const handshakeOutcome = (client: ControlClient) => client.outcome;
