import { ApiRequestError } from '../api/http.js';

/** A refusal as a person reads it: the server's message, and the named field's reason when there is one. */
export function adminErrorMessage(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return 'Something went wrong. Try again.';
  const details = err.details as { issues?: { path: string; message: string }[] } | undefined;
  const issue = details?.issues?.[0];
  return issue ? `${err.message}: ${issue.path ? `${issue.path} — ` : ''}${issue.message}` : err.message;
}
