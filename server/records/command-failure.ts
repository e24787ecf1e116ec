import type { CommandError, FieldError } from '../../shared/control.js';

/** A refusal the user should see (a rule, a state, a permission), as opposed to a server fault. */
export class CommandFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }

  toError(): CommandError {
    return { code: this.code, message: this.message, ...(this.fields && { fields: this.fields }) };
  }
}
