import type { BroadcastName, BroadcastPayload } from '../../shared/control.js';

/**
 * What the rest of the server asks of a meeting's control plane. `ControlPlane` implements it; the
 * app context and the command handlers depend on this, never on the control plane's module.
 */
export interface MeetingControl {
  /** To everyone in the meeting, on every process. */
  broadcast<B extends BroadcastName>(meetingId: string, event: B, payload: BroadcastPayload<B>): void;
  /** Someone joined or left the lobby: the chairs see the new waiting list. */
  lobbyChanged(meetingId: string): Promise<void>;
}
