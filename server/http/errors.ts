import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';

/** An error meant for the client: its code and message go out in the common error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have access to this') => new HttpError(403, 'FORBIDDEN', message);
export const unauthenticated = () => new HttpError(401, 'UNAUTHENTICATED', 'Sign in first');

/** Turns a zod failure into a 400 whose details name each bad field and why. */
export function validationError(where: string, error: z.ZodError): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', `Invalid ${where}`, {
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export const apiNotFound: RequestHandler = (req, _res, next) => next(notFound(`${req.method} ${req.path}`));

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    // body-parser's errors (malformed JSON, too large) carry a status and an expose flag.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === 413 ? 'Request body is too large' : 'Malformed request body';
      res.status(status).json({ error: { code: status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST', message } });
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on the server' } });
  };
}
