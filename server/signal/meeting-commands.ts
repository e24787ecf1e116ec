import { changedSinceDecision, getField, getItem, listItems, itemSnapshot, setDecisionState } from '../../shared/meeting-doc/index.js';
import { packWindowEnd } from '../access/after-close.js';
import { ServerOrigin } from '../collab/origins.js';
import { storeRecordCopy } from '../exports/record-copy.js';
import { addDueFamilies } from '../records/due-families.js';
import { DomainError } from '../domain/domain-error.js';
import { finalizeItem } from '../records/finalize.js';
import type { CommandContext, Handlers } from './command-context.js';
import { controlState } from './control-state.js';

const CHAIR = new ServerOrigin('chair');

async function requireItem(c: CommandContext, itemId: string) {
  const item = await c.ctx.db.agendaItem.findFirst({ where: { id: itemId, meetingId: c.data.meetingId }, select: { id: true, discussionMs: true } });
  if (!item) throw new DomainError('not_found', 'NOT_FOUND', 'No such item in this meeting', [{ field: 'itemId', message: 'not on this meeting’s list' }]);
  return item;
}

async function requireStatus(c: CommandContext, allowed: string[], what: string) {
  const m = await c.ctx.db.meeting.findUniqueOrThrow({ where: { id: c.data.meetingId }, select: { status: true } });
  if (!allowed.includes(m.status)) throw new DomainError('conflict', 'INVALID_STATE', `${what} (the meeting is ${m.status})`);
}

async function broadcastControlState(c: CommandContext, which: 'status' | 'focus' | 'timer') {
  const state = await controlState(c.ctx.db, c.data.meetingId);
  if (which === 'status') c.control.broadcast(c.data.meetingId, 'meeting:status', state.status);
  if (which === 'focus') c.control.broadcast(c.data.meetingId, 'focus', state.focus);
  if (which === 'timer') c.control.broadcast(c.data.meetingId, 'timer', state.timer);
}

const actor = (c: CommandContext) => ({ participantId: c.data.participantId, actorId: c.data.actorId, actorLabel: c.data.actorLabel });

const audit = (c: CommandContext, action: string, subjectId: string | null, details: Record<string, unknown> = {}) =>
  c.ctx.audit.record({ actorId: c.data.actorId, actorLabel: c.data.actorLabel, action, subjectType: 'Meeting', subjectId: subjectId ?? c.data.meetingId, meetingId: c.data.meetingId, details });

/** Stops the running item timer, adding its time to the item. */
async function stopTimer(c: CommandContext): Promise<void> {
  const m = await c.ctx.db.meeting.findUniqueOrThrow({ where: { id: c.data.meetingId }, select: { timerItemId: true, timerStartedAt: true } });
  if (!m.timerItemId || !m.timerStartedAt) return;
  const ran = Date.now() - m.timerStartedAt.getTime();
  await c.ctx.db.$transaction([
    c.ctx.db.agendaItem.update({ where: { id: m.timerItemId }, data: { discussionMs: { increment: ran } } }),
    c.ctx.db.meeting.update({ where: { id: c.data.meetingId }, data: { timerItemId: null, timerStartedAt: null } }),
  ]);
}

export const meetingCommands = {
  'meeting:start': async (_p, c) => {
    await requireStatus(c, ['PREP'], 'Only a meeting in preparation can start');
    // Families due since the meeting was made come onto the list before it begins: deferred or
    // with unfinished actions for a daily SAM, on an ICM pathway for an ICM review.
    const carried = await addDueFamilies(c.ctx.db, c.data.meetingId);
    if (carried.length > 0) await c.ctx.docs.applyAgendaItems(c.data.meetingId, carried);
    // Conditional, so two chairs starting at once on two processes start it once.
    const started = await c.ctx.db.meeting.updateMany({ where: { id: c.data.meetingId, status: 'PREP' }, data: { status: 'LIVE', startedAt: new Date() } });
    if (started.count === 0) throw new DomainError('conflict', 'INVALID_STATE', 'The meeting has already started');
    await audit(c, 'meeting.start', null, { carriedOver: carried.length });
    await broadcastControlState(c, 'status');
    return { carriedOver: carried.length };
  },

  'focus:set': async ({ itemId }, c) => {
    if (itemId) await requireItem(c, itemId);
    await c.ctx.db.meeting.update({ where: { id: c.data.meetingId }, data: { focusItemId: itemId, focusSetAt: new Date() } });
    await broadcastControlState(c, 'focus');
    return {};
  },

  'timer:start': async ({ itemId }, c) => {
    await requireItem(c, itemId);
    await stopTimer(c);
    await c.ctx.db.meeting.update({ where: { id: c.data.meetingId }, data: { timerItemId: itemId, timerStartedAt: new Date() } });
    await broadcastControlState(c, 'timer');
    return {};
  },

  'timer:stop': async (_p, c) => {
    await stopTimer(c);
    await broadcastControlState(c, 'timer');
    return {};
  },

  'item:defer': async ({ itemId, reason }, c) => {
    await requireStatus(c, ['LIVE'], 'Start the meeting before deferring items');
    await requireItem(c, itemId);
    await c.ctx.db.agendaItem.update({ where: { id: itemId }, data: { status: 'DEFERRED', deferReason: reason || null } });
    await c.ctx.docs.withDoc({ kind: 'meeting', meetingId: c.data.meetingId }, (shared) => {
      const item = getItem(shared.doc, itemId);
      if (item) setDecisionState(item, { status: 'DEFERRED' }, CHAIR);
    });
    await audit(c, 'item.defer', itemId, { reason });
    c.control.broadcast(c.data.meetingId, 'item:decided', { itemId, status: 'DEFERRED', version: null });
    return {};
  },

  'item:finalize': async ({ itemId }, c) => {
    const result = await finalizeItem(c.ctx, c.data.meetingId, itemId, actor(c));
    c.control.broadcast(c.data.meetingId, 'item:decided', { itemId, status: 'DECIDED', version: result.version });
    return result;
  },

  'item:reopen': async ({ itemId }, c) => {
    await requireStatus(c, ['LIVE'], 'Decisions can be reopened only while the meeting is live');
    await requireItem(c, itemId);
    // Conditional, so a second chair's reopen (or one racing a finalize) changes nothing twice.
    const reopened = await c.ctx.db.agendaItem.updateMany({ where: { id: itemId, status: 'DECIDED' }, data: { status: 'PENDING' } });
    if (reopened.count === 0) throw new DomainError('conflict', 'INVALID_STATE', 'Only a decided item can be reopened');
    const version = await c.ctx.docs.withDoc({ kind: 'meeting', meetingId: c.data.meetingId }, (shared) => {
      const item = getItem(shared.doc, itemId);
      if (!item) return null;
      // The last decision's hash and version stay: the room shows what changed since, and the record keeps it.
      setDecisionState(item, { status: 'PENDING' }, CHAIR);
      return getField(item, 'decidedVersion');
    });
    await audit(c, 'item.reopen', itemId, { version });
    c.control.broadcast(c.data.meetingId, 'item:decided', { itemId, status: 'PENDING', version: null });
    return {};
  },

  'items:finalize': async ({ itemIds }, c) => {
    const results = [];
    for (const itemId of itemIds) {
      try {
        const result = await finalizeItem(c.ctx, c.data.meetingId, itemId, actor(c));
        c.control.broadcast(c.data.meetingId, 'item:decided', { itemId, status: 'DECIDED', version: result.version });
        results.push({ ...result, ok: true as const });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ itemId, ok: false as const, error: err.toCommandError() });
      }
    }
    return { results };
  },

  'meeting:close': async (_p, c) => {
    await requireStatus(c, ['LIVE'], 'Only a live meeting can close');
    const { meetingId } = c.data;
    const open = await c.ctx.db.agendaItem.findMany({ where: { meetingId, status: 'PENDING' }, select: { id: true, case: { select: { reference: true } } } });
    // An item edited after its decision must be finalized again (or deferred) before the record closes.
    const snapshots = await c.ctx.docs.withDoc({ kind: 'meeting', meetingId }, (shared) =>
      listItems(shared.doc).map(itemSnapshot).filter((item) => item.status === 'DECIDED'));
    const changed = (await Promise.all(snapshots.map(async (item) => ((await changedSinceDecision(item)) ? item : null))))
      .filter((item) => item !== null);
    const blocking = [
      ...open.map((i) => ({ field: `items.${i.id}`, message: `${i.case.reference} is not decided or deferred` })),
      ...changed.map((i) => ({ field: `items.${i.id}`, message: `${i.familyRef} changed since its decision: finalize it again` })),
    ];
    if (blocking.length > 0) throw new DomainError('conflict', 'ITEMS_OPEN', `${blocking.length} item(s) still need a decision`, blocking);

    await stopTimer(c);
    const now = new Date();
    await c.ctx.db.$transaction(async (tx) => {
      const closing = await tx.meeting.updateMany({ where: { id: meetingId, status: 'LIVE' }, data: { status: 'CLOSED', closedAt: now, focusItemId: null } });
      if (closing.count === 0) throw new DomainError('conflict', 'INVALID_STATE', 'The meeting has already closed');
      // Attendance is frozen: whoever is still here left at the close.
      await tx.participant.updateMany({ where: { meetingId, leftAt: null, admittedAt: { not: null } }, data: { leftAt: now } });
      await c.ctx.audit.record({ actorId: c.data.actorId, actorLabel: c.data.actorLabel, action: 'meeting.close', subjectType: 'Meeting', subjectId: meetingId, meetingId }, tx);
    });
    // Admitted invitees' sessions last through the window in which they may still take their
    // agency's pack (access/after-close.ts); from now on they open nothing else.
    await c.ctx.sessions.keepInviteesUntil(meetingId, packWindowEnd(now, c.ctx.config.INVITEE_PACK_HOURS));
    c.ctx.docs.setMeetingReadOnly(meetingId);
    await broadcastControlState(c, 'status');
    await broadcastControlState(c, 'focus');
    const chair = await c.ctx.db.participant.findUniqueOrThrow({ where: { id: c.data.participantId }, select: { userId: true } });
    const minutes = chair.userId ? await storeRecordCopy(c.ctx.db, meetingId, chair.userId) : null;
    // Invitees' access ends with the meeting.
    const invitees = await c.ctx.db.participant.findMany({ where: { meetingId, inviteId: { not: null } }, select: { id: true } });
    await Promise.all(invitees.map((p) => c.ctx.access.end({ kind: 'participant', id: p.id }, 'The meeting has closed')));
    return { minutesSha256: minutes?.sha256 ?? null };
  },
} satisfies Partial<Handlers>;
