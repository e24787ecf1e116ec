import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServerMetrics } from './server-metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics for a Prometheus scraper holding `Authorization: Bearer <METRICS_TOKEN>`. It is
 * outside /api (no session, no OpenAPI): it is the operator's, not a user's. Anything else gets a
 * 401, so the figures (how many people are in meetings right now) stay with the operator.
 */
export function metricsHandler(metrics: ServerMetrics, token: string): RequestHandler {
  const expected = digest(`Bearer ${token}`);
  return (req, res, next) => {
    const given = digest(req.get('authorization') ?? '');
    if (!timingSafeEqual(given, expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('metrics need the bearer token (METRICS_TOKEN)\n');
      return;
    }
    metrics.registry.metrics().then((text) => {
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    }, next);
  };
}
