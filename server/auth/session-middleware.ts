import { parse as parseCookie } from 'cookie';
import type { RequestHandler } from 'express';
import type { SessionStore } from './sessions.js';
import { SESSION_COOKIE } from './sessions.js';

export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** Resolves the session cookie into `req.principal`; routes decide what a missing one means. */
export function sessionMiddleware(sessions: SessionStore): RequestHandler {
  return async (req, _res, next) => {
    const principal = await sessions.resolve(readSessionToken(req.headers.cookie));
    if (principal) req.principal = principal;
    next();
  };
}
