import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError, type RefusalKind } from '../domain/domain-error.js';
import type { Logger } from '../logger.js';

/**
 * An HTTP-layer refusal (a malformed request, a missing header): its code and message go out in the
 * common error shape. Domain code throws `DomainError` instead, mapped below.
 */
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


/** Turns a zod failure into a 400 whose details name each bad field and why. */
export function validationError(where: string, error: z.ZodError): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', `Invalid ${where}`, {
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export const apiNotFound: RequestHandler = (req, _res, next) => next(new HttpError(404, 'NOT_FOUND', `${req.method} ${req.path} not found`));

const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

/** The common error shape for a domain refusal; field errors become `details.issues` as for a bad body. */
function fromDomain(err: DomainError): HttpError {
  const issues = err.fields?.map((f) => ({ path: f.field, message: f.message }));
  const details = issues || err.details ? { ...err.details, ...(issues && { issues }) } : undefined;
  return new HttpError(STATUS[err.kind], err.code, err.message, details);
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (thrown: unknown, req, res, _next) => {
    const err = thrown instanceof DomainError ? fromDomain(thrown) : thrown;
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
