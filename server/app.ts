import path from 'node:path';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './app-context.js';
import { adminRoutes } from './api/admin-routes.js';
import { auditRoutes } from './api/audit-routes.js';
import { backupRoutes } from './api/backup-routes.js';
import { authRoutes } from './api/auth-routes.js';
import { confidentialityRoutes } from './api/confidentiality-routes.js';
import { exportRoutes } from './api/export-routes.js';
import { healthRoutes } from './api/health-routes.js';
import { intakeRoutes } from './api/intake-routes.js';
import { inviteRoutes } from './api/invite-routes.js';
import { meetingRoutes } from './api/meeting-routes.js';
import { oidcRoutes } from './api/oidc-routes.js';
import { openApiDocument } from './api/openapi.js';
import { passwordRoutes } from './api/password-routes.js';
import { secondFactorRoutes } from './api/second-factor-routes.js';
import { planRoutes } from './api/plan-routes.js';
import { recordsRoutes } from './api/records-routes.js';
import { assessmentRoutes } from './api/assessment-routes.js';
import { reportRoutes } from './api/report-routes.js';
import { workRoutes } from './api/work-routes.js';
import { notificationRoutes } from './api/notification-routes.js';
import { privacyRoutes } from './api/privacy-routes.js';
import { retentionRoutes } from './api/retention-routes.js';
import { sessionMiddleware } from './auth/session-middleware.js';
import { projectRoot } from './db/schema-engine.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { noStore } from './http/no-store.js';
import { mountRoutes } from './http/route.js';
import { serveClient } from './http/client-app.js';
import { csrfGuard } from './http/same-origin.js';
import { redactUrl, serializeError } from './log-privacy.js';
import { metricsHandler } from './metrics/metrics-route.js';
import type { ServerMetrics } from './metrics/server-metrics.js';

export const clientDir = path.join(projectRoot, 'dist/client');

/** The HTTP app; `metrics` is served at /metrics only when the operator set METRICS_TOKEN. */
export function createApp(ctx: AppContext, metrics: ServerMetrics | null = null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // One proxy, the one in front: the address it appends to X-Forwarded-For is the client's; any
  // entries before that came from the client and could be anything (and dodge sign-in limits).
  app.set('trust proxy', ctx.config.TRUST_PROXY ? 1 : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Same-origin websockets (/collab, /socket.io) are covered by 'self'.
          connectSrc: ["'self'"],
          // Plain-HTTP deployments on a LAN must still load their own assets.
          upgradeInsecureRequests: ctx.config.TRUST_PROXY ? [] : null,
        },
      },
    }),
  );

  const api = Router();
  api.use(noStore);
  api.use(
    pinoHttp({
      logger: ctx.log,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // Method, path and status are enough to follow a request; headers would log cookies and noise,
      // query values personal data.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    }),
  );
  api.use(express.json({ limit: '1mb' }));
  api.use(csrfGuard(ctx.config.ALLOWED_ORIGINS, ctx.config.TRUST_PROXY));
  api.use(sessionMiddleware(ctx.sessions));

  const registry = new OpenAPIRegistry();
  mountRoutes(api, registry, [...healthRoutes(ctx), ...authRoutes(ctx), ...meetingRoutes(ctx), ...confidentialityRoutes(ctx), ...recordsRoutes(ctx), ...assessmentRoutes(ctx), ...intakeRoutes(ctx), ...exportRoutes(ctx), ...inviteRoutes(ctx), ...auditRoutes(ctx), ...passwordRoutes(ctx), ...oidcRoutes(ctx), ...adminRoutes(ctx), ...workRoutes(ctx), ...reportRoutes(ctx), ...notificationRoutes(ctx), ...retentionRoutes(ctx), ...privacyRoutes(ctx), ...backupRoutes(ctx), ...secondFactorRoutes(ctx), ...planRoutes(ctx)]);
  // Built when first asked for, not at every process start (a quarter of a second of CPU and
  // its garbage, which fell on the first meeting opened after a start).
  let openapi: object | undefined;
  api.get('/openapi.json', (_req, res) => {
    openapi ??= openApiDocument(registry);
    res.json(openapi);
  });
  api.use(apiNotFound);
  api.use(errorHandler(ctx.log));
  app.use('/api', api);
  if (metrics && ctx.config.METRICS_TOKEN) app.get('/metrics', metricsHandler(metrics, ctx.config.METRICS_TOKEN));

  serveClient(app, clientDir);
  return app;
}
