import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.js';

/** A failed API call, carrying the server's common error shape ({error:{code,message,details?}}). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

// A 401 from anything but the sign-in endpoints means the session has ended (expired, revoked,
// signed out in another tab). The auth provider listens and sends the user back to sign in.
const sessionEvents = new EventTarget();

export function onSessionExpired(listener: () => void): () => void {
  sessionEvents.addEventListener('expired', listener);
  return () => sessionEvents.removeEventListener('expired', listener);
}

async function send(path: string, { method = 'GET', body, signal }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // CSRF defence: the server refuses mutating requests without it; a cross-site form cannot set it.
    'X-Requested-With': 'samroom',
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(0, 'NETWORK_ERROR', 'Can’t reach SAM Room — check your connection and try again.');
  }

  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !path.startsWith('/api/auth/')) sessionEvents.dispatchEvent(new Event('expired'));
    throw error;
  }
  return res;
}

async function readError(res: Response): Promise<ApiRequestError> {
  const json: unknown = await res.json().catch(() => undefined);
  const parsed = ApiError.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError(res.status, code, message, details);
  }
  const code = res.status === 429 ? 'RATE_LIMITED' : `HTTP_${res.status}`;
  return new ApiRequestError(res.status, code, res.statusText || `Request failed (${res.status}).`);
}

async function readJson<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const json: unknown = await res.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, 'BAD_RESPONSE', 'SAM Room sent a response this page doesn’t understand. Reload and try again.', parsed.error.issues);
  }
  return parsed.data;
}

export async function apiGet<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  const res = await send(path, signal ? { signal } : {});
  return readJson(res, schema);
}

export async function apiPost<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
  const res = await send(path, { method: 'POST', body });
  return readJson(res, schema);
}

export async function apiWrite<S extends z.ZodType>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: S): Promise<z.output<S>> {
  const res = await send(path, { method, body });
  return readJson(res, schema);
}

/** For endpoints that answer 204 No Content. */
export async function apiPostNoContent(path: string, body?: unknown): Promise<void> {
  await send(path, { method: 'POST', body });
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
