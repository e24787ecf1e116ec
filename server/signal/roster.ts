import type { BroadcastPayload, RosterEntry } from '../../shared/control.js';
import { meetingRoom, type ControlServer } from './socket-types.js';

/**
 * Who is present: every socket in the meeting's room, on any process, one entry per participant
 * (two tabs are one person with two connections; a dropped socket is simply no longer there).
 */
export async function roster(io: ControlServer, meetingId: string): Promise<BroadcastPayload<'roster'>> {
  const sockets = await io.in(meetingRoom(meetingId)).fetchSockets();
  const byParticipant = new Map<string, RosterEntry>();
  for (const { data } of sockets) {
    const existing = byParticipant.get(data.participantId);
    if (existing) {
      existing.connections += 1;
      continue;
    }
    byParticipant.set(data.participantId, {
      participantId: data.participantId, displayName: data.displayName, agency: data.agency, role: data.role,
      mode: data.mode, since: data.since, confidentialityAcknowledged: data.confidentialityAcknowledged, connections: 1,
    });
  }
  const participants = [...byParticipant.values()].sort(
    (a, b) => a.agency.code.localeCompare(b.agency.code) || a.displayName.localeCompare(b.displayName),
  );
  return { participants };
}
