import { DomainError } from '../domain/domain-error.js';
import type { CommandContext, Handlers } from './command-context.js';

async function lobbyParticipant(c: CommandContext, participantId: string) {
  const p = await c.ctx.db.participant.findFirst({
    where: { id: participantId, meetingId: c.data.meetingId },
    select: { id: true, displayName: true, admittedAt: true, declinedAt: true, removedAt: true, lobbyAt: true },
  });
  if (!p) throw new DomainError('not_found', 'NOT_FOUND', 'No such participant in this meeting', [{ field: 'participantId', message: 'unknown' }]);
  return p;
}

const audit = (c: CommandContext, action: string, participantId: string) =>
  c.ctx.audit.record({
    actorId: c.data.actorId, actorLabel: c.data.actorLabel, action, subjectType: 'Participant', subjectId: participantId, meetingId: c.data.meetingId,
  });

export const lobbyCommands = {
  'lobby:admit': async ({ participantId }, c) => {
    const p = await lobbyParticipant(c, participantId);
    if (!p.lobbyAt || p.admittedAt || p.declinedAt || p.removedAt) throw new DomainError('conflict', 'INVALID_STATE', `${p.displayName} is not waiting in the lobby`);
    await c.ctx.db.participant.update({ where: { id: p.id }, data: { admittedAt: new Date() } });
    await audit(c, 'lobby.admit', p.id);
    await c.control.lobbyChanged(c.data.meetingId);
    return {};
  },

  'lobby:decline': async ({ participantId }, c) => {
    const p = await lobbyParticipant(c, participantId);
    if (!p.lobbyAt || p.admittedAt || p.declinedAt || p.removedAt) throw new DomainError('conflict', 'INVALID_STATE', `${p.displayName} is not waiting in the lobby`);
    await c.ctx.db.participant.update({ where: { id: p.id }, data: { declinedAt: new Date() } });
    await audit(c, 'lobby.decline', p.id);
    await c.control.lobbyChanged(c.data.meetingId);
    return {};
  },

  'participant:remove': async ({ participantId }, c) => {
    const p = await lobbyParticipant(c, participantId);
    if (p.id === c.data.participantId) throw new DomainError('conflict', 'INVALID_STATE', 'The chair cannot remove themselves');
    await c.ctx.db.participant.update({ where: { id: p.id }, data: { removedAt: new Date(), leftAt: new Date() } });
    await audit(c, 'participant.remove', p.id);
    await c.ctx.access.end({ kind: 'participant', id: p.id }, 'The chair removed you from the meeting');
    await c.control.lobbyChanged(c.data.meetingId);
    return {};
  },
} satisfies Partial<Handlers>;
