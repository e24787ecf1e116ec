import { pino } from 'pino';
import { redactInviteToken } from './access/invite-tokens.js';

// Logs are read by operators who must not see who is on a family-violence list: no names, dates
// of birth or police references in them, wherever a request or an error would carry one.

const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/**
 * A request URL as logged: invite tokens hidden, and every query value replaced (person search
 * takes names and dates of birth in its query). The parameter names stay, to follow requests.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = redactInviteToken(q === -1 ? url : url.slice(0, q));
  if (q === -1) return path;
  const names = url.slice(q + 1).split('&').filter(Boolean).map((pair) => pair.split('=', 1)[0] ?? '');
  // A name that is not a plain parameter name may itself be someone's data (`?Aroha`).
  return `${path}?${names.map((name) => `${PARAM_NAME.test(name) ? name : '[name]'}=[redacted]`).join('&')}`;
}

// Prisma's errors render the failing call with its arguments ("Invalid `prisma.person.findMany()`
// invocation: { where: { givenName: … } }" and a code frame), then the reason on the last line:
// keep the first line and the reason only. The stack still says where it happened.
const PRISMA_INVOCATION = /^\s*Invalid `[^`]*` invocation/;

function withoutArguments(message: string): string {
  if (!PRISMA_INVOCATION.test(message)) return message;
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : (lines[0] ?? '');
}

/** pino's error serializer, with query arguments taken out of the message and the stack. */
export function serializeError(err: Error): pino.SerializedError {
  const out = pino.stdSerializers.err(err);
  const message = withoutArguments(out.message);
  if (message === out.message) return out;
  const frames = out.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return { ...out, message, stack: [`${out.type}: ${message}`, ...frames].join('\n') };
}
