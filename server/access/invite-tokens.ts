import { createHash, randomBytes } from 'node:crypto';

// Invitation tokens: 32 random bytes (256 bits) as base64url. Only their sha256 is stored — with
// that much entropy a plain hash can't be reversed by guessing, so no secret key is needed.

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check: anything else is unknown without asking the database. */
export const looksLikeInviteToken = (token: string) => TOKEN_PATTERN.test(token);

/** Keeps tokens out of logs: a logged link would let anyone who reads the logs join. */
export const redactInviteToken = (url: string) => url.replace(/\/join\/[^/?#]+/, '/join/[token]');
