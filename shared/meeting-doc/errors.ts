import { z } from 'zod';

/** Thrown by the accessors for a refused write (invalid value, unknown item, limit reached). */
export class MeetingDocError extends Error {
  override name = 'MeetingDocError';
}

export function invalid(what: string, error: z.ZodError): MeetingDocError {
  return new MeetingDocError(`Invalid ${what}: ${z.prettifyError(error)}`);
}
