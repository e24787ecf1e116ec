import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * The host the browser asked for. Behind a proxy (TRUST_PROXY) that is X-Forwarded-Host, the
 * first if proxies are chained, as Express reads it; otherwise anyone can send that header, so
 * only Host counts.
 */
function requestedHost(headers: IncomingHttpHeaders, trustProxy: boolean): string | undefined {
  if (!trustProxy) return headers.host;
  const raw = headers['x-forwarded-host'];
  const forwarded = (Array.isArray(raw) ? raw[0] : raw)?.split(',')[0]?.trim();
  return forwarded || headers.host;
}

/**
 * True when the request comes from a page served by this server (or an allowed dev origin).
 * Browsers always send Origin on websocket upgrades and cross-site POSTs, so a foreign Origin
 * is refused; a missing one (non-browser clients such as tests and integrations) is allowed.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowed: readonly string[], trustProxy: boolean): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  const host = requestedHost(headers, trustProxy);
  try {
    const url = new URL(origin);
    return url.host === host || allowed.includes(origin);
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-requested-with';

/**
 * CSRF defence in depth on top of SameSite=Strict cookies: state-changing requests must come
 * from an allowed origin and carry a custom header, which a cross-site form cannot send.
 */
export function csrfGuard(allowedOrigins: readonly string[], trustProxy: boolean): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!isAllowedOrigin(req.headers, allowedOrigins, trustProxy)) {
      return next(new HttpError(403, 'FORBIDDEN_ORIGIN', 'Requests from another site are not accepted'));
    }
    if (req.headers[CSRF_HEADER] !== 'samroom') {
      return next(new HttpError(403, 'CSRF_HEADER_MISSING', `State-changing requests need the header X-Requested-With: samroom`));
    }
    next();
  };
}
