import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { LiveHandle } from '../access/live-access.js';
import { CHAIR_COMMANDS, Commands, type Ack, type CommandName, type CommandResult, type ParsedPayload } from '../../shared/control.js';
import { findInvalidText } from '../../shared/valid-text.js';
import { DomainError } from '../domain/domain-error.js';
import type { CommandContext, ControlContext, Handler, Handlers } from './command-context.js';
import { lobbyCommands } from './lobby-commands.js';
import type { MeetingControl } from './meeting-control.js';
import { meetingCommands } from './meeting-commands.js';
import type { ControlSocket } from './socket-types.js';

// Every command has its handler, or this does not compile.
const handlers: Handlers = { ...meetingCommands, ...lobbyCommands };

/**
 * Every command: validated with its zod schema, refused unless the sender may run it (audited),
 * and answered with exactly one ack — `{ok:true,…}` or `{ok:false, error:{code,message,fields?}}`.
 */
// A chair clicks a few times a second at most; a socket sending far more is broken or hostile, and
// each refusal would otherwise cost an audit row.
const limiter = new RateLimiterMemory({ points: 20, duration: 1 });

export function registerCommands(socket: ControlSocket, ctx: ControlContext, control: MeetingControl, access: LiveHandle): void {
  for (const name of Object.keys(Commands) as CommandName[]) {
    socket.on(name, (raw: unknown, ack: (a: Ack) => void) => {
      if (typeof ack !== 'function') return; // commands are always acknowledged; one without a callback is ignored
      // The session ran out (its socket closes in a moment) or access ended: run nothing more.
      if (!access.open()) return ack({ ok: false, error: { code: 'ACCESS_ENDED', message: 'Your access to this meeting has ended' } });
      limiter.consume(socket.id).then(
        () => run(name, raw, { ctx, control, data: socket.data }).then(ack),
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

async function run<C extends CommandName>(name: C, raw: unknown, c: CommandContext): Promise<Ack<CommandResult<C>>> {
  // As for REST requests: no NUL or control characters reach a handler (or PostgreSQL).
  const invalid = findInvalidText(raw);
  if (invalid) {
    return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid ${name} command`, fields: [{ field: invalid.path, message: invalid.message }] } };
  }
  const parsed = Commands[name].payload.safeParse(raw ?? {});
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
  // Each handler is typed with its own command; indexed by a generic name, TypeScript sees only a
  // union of them and of the payloads, so the pair is restated here.
  const handler = handlers[name] as Handler<C>;
  try {
    await refuseOnceClosed(c);
    return { ok: true, ...(await handler(parsed.data as ParsedPayload<C>, c)) };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.toCommandError() };
    c.ctx.log.error({ err, command: name }, 'command failed');
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server; try again' } };
  }
}
