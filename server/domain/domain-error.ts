import type { CommandError, FieldError } from '../../shared/control.js';

/**
 * What kind of refusal a domain rule made. Transports map a kind to their own vocabulary:
 * HTTP statuses in `http/errors.ts`, acks on the control plane in `signal/command-router.ts`.
 */
export type RefusalKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'rate_limited';

/** A refusal the user should see (a rule, a state, a permission), as opposed to a server fault. */
export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    /** The fields that broke a rule, shown beside each field. */
    readonly fields?: FieldError[],
    /** Anything else the client can use (the line of a bad import row, say). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toCommandError(): CommandError {
    return { code: this.code, message: this.message, ...(this.fields && { fields: this.fields }) };
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have access to this') => new DomainError('forbidden', 'FORBIDDEN', message);
export const unauthenticated = () => new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);

/** A bad value in one named field: a 400 on HTTP, a field error in an ack. */
export const invalidField = (field: string, message: string, summary = `Invalid ${field}`) =>
  new DomainError('invalid', 'VALIDATION_FAILED', summary, [{ field, message }]);
