import type { Server, Socket } from 'socket.io';
import type { Ack, BroadcastName, BroadcastPayload, CommandName } from '../../shared/control.js';
import type { ParticipantMode, Role } from '../../shared/domain.js';

export type ServerToClient = { [B in BroadcastName]: (payload: BroadcastPayload<B>) => void };
export type ClientToServer = { [C in CommandName]: (payload: unknown, ack: (ack: Ack) => void) => void };

/** What the handshake established about a socket; also read from other processes by fetchSockets. */
export interface SocketData {
  meetingId: string;
  participantId: string;
  actorId: string;
  actorLabel: string;
  displayName: string;
  agency: { code: string; name: string };
  role: Role;
  mode: ParticipantMode;
  since: string;
  confidentialityAcknowledged: boolean;
}

export type ControlServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type ControlSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const chairRoom = (meetingId: string) => `chairs:${meetingId}`;
export const participantRoom = (participantId: string) => `participant:${participantId}`;
