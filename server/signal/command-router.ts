import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { LiveHandle } from '../access/live-access.js';
import { CHAIR_COMMANDS, Commands, type Ack, type CommandName } from '../../shared/control.js';
import { findInvalidText } from '../../shared/valid-text.js';
import { DomainError } from '../domain/domain-error.js';
import type { ControlContext, ControlPlane } from './control-plane.js';
import { lobbyCommands } from './lobby-commands.js';
import { meetingCommands } from './meeting-commands.js';
import type { ControlSocket, SocketData } from './socket-types.js';

export interface CommandContext {
  ctx: ControlContext;
  control: ControlPlane;
  data: SocketData;
}

export type Handlers = { [C in CommandName]?: (payload: ReturnType<(typeof Commands)[C]['parse']>, c: CommandContext) => Promise<object> };

/**
 * Every command: validated with its zod schema, refused unless the sender may run it (audited),
 * and answered with exactly one ack — `{ok:true,…}` or `{ok:false, error:{code,message,fields?}}`.
 */
// A chair clicks a few times a second at most; a socket sending far more is broken or hostile, and
// each refusal would otherwise cost an audit row.
const limiter = new RateLimiterMemory({ points: 20, duration: 1 });

export function registerCommands(socket: ControlSocket, ctx: ControlContext, control: ControlPlane, access: LiveHandle): void {
  const handlers: Handlers = { ...meetingCommands, ...lobbyCommands };
  for (const name of Object.keys(Commands) as CommandName[]) {
    socket.on(name, (raw: unknown, ack: (a: Ack) => void) => {
      if (typeof ack !== 'function') return; // commands are always acknowledged; one without a callback is ignored
      // The session ran out (its socket closes in a moment) or access ended: run nothing more.
      if (!access.open()) return ack({ ok: false, error: { code: 'ACCESS_ENDED', message: 'Your access to this meeting has ended' } });
      limiter.consume(socket.id).then(
        () => run(name, raw, { ctx, control, data: socket.data }, handlers).then(ack),
        () => ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many commands at once; wait a moment' } }),
      );
    });
  }
}

/** Closed is closed: every command changes the meeting or its attendance, which the close froze. */
async function refuseOnceClosed(c: CommandContext): Promise<void> {
  const meeting = await c.ctx.db.meeting.findUnique({ where: { id: c.data.meetingId }, select: { status: true } });
  if (meeting?.status === 'CLOSED') throw new DomainError('conflict', 'MEETING_CLOSED', 'The meeting has closed: its record can be read, not changed');
}

async function run(name: CommandName, raw: unknown, c: CommandContext, handlers: Handlers): Promise<Ack> {
  // As for REST requests: no NUL or control characters reach a handler (or PostgreSQL).
  const invalid = findInvalidText(raw);
  if (invalid) {
    return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid ${name} command`, fields: [{ field: invalid.path, message: invalid.message }] } };
  }
  const parsed = Commands[name].safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'VALIDATION_FAILED', message: `Invalid ${name} command`,
        fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      },
    };
  }
  if (CHAIR_COMMANDS.has(name) && c.data.role !== 'CHAIR') {
    await c.ctx.audit.record({
      actorId: c.data.actorId, actorLabel: c.data.actorLabel, action: 'control.forbidden', subjectType: 'Meeting',
      subjectId: c.data.meetingId, meetingId: c.data.meetingId, details: { command: name },
    });
    return { ok: false, error: { code: 'FORBIDDEN', message: `Only the chair can run ${name}` } };
  }
  const handler = handlers[name] as ((p: unknown, c: CommandContext) => Promise<object>) | undefined;
  if (!handler) return { ok: false, error: { code: 'NOT_IMPLEMENTED', message: `${name} is not available` } };
  try {
    await refuseOnceClosed(c);
    return { ok: true, ...(await handler(parsed.data, c)) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.toCommandError() };
    c.ctx.log.error({ err, command: name }, 'command failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server; try again' } };
  }
}
