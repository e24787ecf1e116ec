import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../shared/api/errors.js';
import type { Role } from '../../shared/domain.js';
import { findInvalidText } from '../../shared/valid-text.js';
import type { Principal } from '../auth/principal.js';
import { DomainError, forbidden, unauthenticated } from '../domain/domain-error.js';
import { HttpError, validationError } from './errors.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Who may call a route: anyone, any signed-in principal, or principals with one of these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

interface Context<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  principal: Principal | undefined;
}

export interface RouteDef<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body; omit for routes that answer 204 or stream a file. */
  response?: R;
  status?: number;
  /** Route-specific failures for the contract, e.g. `{ 409: 'Already exists' }`. */
  errors?: Record<number, string>;
  /**
   * Open to an administrator who must still enrol a second factor (sign-out, who am I, enrolment);
   * every other signed-in route refuses them until they have.
   */
  beforeSecondFactor?: boolean;
  /** Runs before validation, e.g. a rate limiter. */
  middleware?: RequestHandler[];
  /** Extra responses for the contract, e.g. files: `{ 200: { 'application/pdf': … } }`. */
  produces?: string[];
  handler: (ctx: Context<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<z.infer<R> | undefined>;
}

// A route declared once: its zod schemas validate the request at run time and write the OpenAPI
// contract, so the two can't drift.
export function defineRoute<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = z.ZodUnknown,
  R extends z.ZodType = z.ZodUnknown,
>(def: RouteDef<B, Q, P, R>): RouteDef<B, Q, P, R> {
  return def;
}

// A list of routes is heterogeneous: each entry is widened to this.
export type AnyRoute = RouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.infer<S> {
  // Every string that comes in, in one place, before any schema or handler can store it. A text
  // body (a CSV upload) is a document: its reader checks it cell by cell, naming line and column.
  const invalid = typeof value === 'string' ? null : findInvalidText(value);
  if (invalid) throw new HttpError(400, 'VALIDATION_FAILED', `Invalid ${where}`, { issues: [invalid] });
  if (!schema) return value as z.infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

function checkAccess(route: AnyRoute, principal: Principal | undefined): void {
  const { access } = route;
  if (access === 'public') return;
  if (!principal) throw unauthenticated();
  if (principal.kind === 'staff' && principal.secondFactor === 'required' && !route.beforeSecondFactor) {
    throw new DomainError('forbidden', 'SECOND_FACTOR_REQUIRED', 'Set up your authenticator app first: administrators sign in with a code as well as a password.');
  }
  if (access !== 'signed-in' && !access.includes(principal.role)) throw forbidden();
}

export function mountRoutes(router: Router, registry: OpenAPIRegistry, routes: AnyRoute[]): void {
  for (const route of routes) {
    router[route.method](route.path, ...(route.middleware ?? []), async (req, res) => {
      const principal = req.principal;
      checkAccess(route, principal);
      const ctx = {
        req, res, principal,
        params: parse(route.params, req.params, 'path parameters'),
        query: parse(route.query, req.query, 'query'),
        body: parse(route.body, req.body, 'request body'),
      };
      const result = await route.handler(ctx);
      if (res.headersSent) return;
      if (result === undefined) res.status(route.status ?? 204).end();
      else res.status(route.status ?? 200).json(result);
    });
    registry.registerPath(toOpenApi(route));
  }
}

function toOpenApi(route: AnyRoute): RouteConfig {
  const responses: RouteConfig['responses'] = {
    400: { description: 'Invalid request', content: { 'application/json': { schema: ApiError } } },
  };
  if (route.access !== 'public') {
    responses[401] = { description: 'Not signed in', content: { 'application/json': { schema: ApiError } } };
    responses[403] = { description: 'Not allowed for this role', content: { 'application/json': { schema: ApiError } } };
  }
  for (const [code, description] of Object.entries(route.errors ?? {})) {
    responses[code] = { description, content: { 'application/json': { schema: ApiError } } };
  }
  const status = route.status ?? (route.response || route.produces ? 200 : 204);
  responses[status] = route.response
    ? { description: 'Success', content: { 'application/json': { schema: route.response } } }
    : route.produces
      ? { description: 'A file', content: Object.fromEntries(route.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }
      : { description: 'Done' };
  return {
    method: route.method,
    path: `/api${route.path.replace(/:(\w+)/g, '{$1}')}`,
    summary: route.summary,
    tags: [route.tag],
    request: {
      // Path and query schemas are always z.object(...) here; OpenAPI needs them as objects.
      ...(route.params && { params: route.params as z.ZodObject }),
      ...(route.query && { query: route.query as z.ZodObject }),
      ...(route.body && { body: { content: { 'application/json': { schema: route.body } } } }),
    },
    responses,
  };
}
