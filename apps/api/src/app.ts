import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '@jobgate/logging';
import type { Lifecycle } from '@jobgate/lifecycle';
import { accessLog, type AnsweredRequest } from './access-log';
import { adminAuth } from './admin/admin-auth';
import { bearerAuth } from './auth';
import { AuthFailureLimit, type AuthFailure, type AuthFailureCounter } from './auth-failures';
import { docsRoutes } from './docs.routes';
import { opsRoutes, type OpsRoutesOptions } from './ops.routes';
import { errorHandler, notFoundHandler, sendProblem } from './problem';
import { requestId } from './request-id';
import { jobsBatchRoutes } from './routes/jobs-batch.routes';
import { jobsRoutes } from './routes/jobs.routes';
import { lifecycleMounts } from './routes/lifecycle-mounts';
import { securityHeaders } from './security-headers';

export interface ApiDeps {
  auth: { apiKeys: readonly string[]; disabled: boolean };
  lifecycle: Lifecycle;
  logger: Logger;
  /** SSRF policy check of a job's `webhook_url` at intake; default none (tests of other routes). */
  checkWebhookUrl?: (url: string, signed?: boolean) => Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Extra authenticated routers mounted under /v1 (sweeps, deliveries…); default lifecycleMounts. */
  extraRoutes?: { path: string; router: Router }[];
  /** Body limit for JSON; default 1 MB. */
  bodyLimit?: string;
  /** Body limit of `POST /v1/jobs/batch` (up to 1,000 jobs); default 8 MB. */
  batchBodyLimit?: string;
  /** /readyz checks and the /metrics exposition; default: always ready, no /metrics. */
  ops?: OpsRoutesOptions;
  /** bull-board (admin/queue-dashboard.ts), mounted at /admin/queues behind the API keys; default none. */
  queueDashboard?: RequestHandler;
  /** Per-key request limit on /v1 (rate-limit.ts), run after auth; default none. */
  rateLimit?: RequestHandler;
  /** Told how many jobs each accepted request added (metrics). */
  onAccepted?: (count: number, source: 'job' | 'sweep') => void;
  /** PUBLIC_URL: the base of trials' report URLs; default the base URL of the request creating the sweep. */
  publicUrl?: string | null;
  /** The seed of a random sweep given none; default a random 32-bit integer. */
  randomSeed?: () => number;
  /** Told of every answered request: method, route template, status, latency (metrics). */
  onAnswered?: (request: AnsweredRequest) => void;
  /** Failed authentications per client address (auth-failures.ts); default 20 a minute, per process (start-api: in Redis). */
  authFailureLimit?: AuthFailureCounter;
  /** Told of every request refused for its key (metrics). */
  onAuthFailure?: (failure: AuthFailure) => void;
  /** Whether WEBHOOK_URL is set, so the dashboard can say when a job's events go nowhere; default false. */
  defaultWebhookReceiver?: boolean;
}

/** Builds the Express app without listening, so tests drive it directly. */
export function buildApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Records change under the same URL; weak ETags would only cost a hash of every body.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(securityHeaders());
  app.use(accessLog(deps.logger, deps.onAnswered));
  // /healthz, /readyz, /metrics, /openapi.json and /docs are public; see ops.routes.ts and docs.routes.ts.
  app.use(opsRoutes(deps.ops ?? {}));
  app.use(docsRoutes());
  if (deps.queueDashboard) app.use('/admin/queues', adminAuth(deps.auth), deps.queueDashboard);
  // Public like any web page: the dashboard's own API calls carry the user's key.
  app.use('/ui', dashboardRoutes({ authRequired: !deps.auth.disabled, defaultWebhookReceiver: deps.defaultWebhookReceiver ?? false }));
  // Authenticated (and rate limited) before the body is read: a stranger's megabyte is never parsed.
  app.use(
    '/v1',
    bearerAuth({
      ...deps.auth,
      teamKey: (key) => deps.lifecycle.teams.authenticate(key),
      reportToken: (token) => deps.lifecycle.reporting.authenticateReporter(token),
      failures: deps.authFailureLimit ?? new AuthFailureLimit(),
      onFailure: (failure, address, limitReached) => {
        deps.onAuthFailure?.(failure);
        if (limitReached) deps.logger.warn({ address }, 'too many failed authentications from this address: refusing it until its window ends');
      },
    }),
  );
  if (deps.rateLimit) app.use('/v1', deps.rateLimit);
  // A batch of up to 1,000 jobs needs more room than one job; body-parser skips a body already read.
  app.use('/v1/jobs/batch', requireJsonForWrites, express.json({ limit: deps.batchBodyLimit ?? '8mb', type: ['application/json', 'application/*+json'] }));
  app.use('/v1', requireJsonForWrites, express.json({ limit: deps.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'] }));
  app.use('/v1/jobs/batch', jobsBatchRoutes(deps));
  app.use('/v1/jobs', jobsRoutes(deps));
  for (const extra of deps.extraRoutes ?? lifecycleMounts(deps)) app.use(`/v1${extra.path}`, extra.router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * The web dashboard (apps/dashboard, built by `npm run build`): static files, and index.html for any
 * other /ui path (client-side routes). A CSP keeps the page to this origin. `/ui/config.json` tells
 * the page what it cannot ask the authenticated API: whether it needs a key at all.
 */
function dashboardRoutes(uiConfig: UiConfig): Router {
  // The same from src/ (jest) and dist/ (node): both sit one level below apps/api.
  const dist = resolve(__dirname, '../../dashboard/dist');
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    next();
  });
  router.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ auth_required: uiConfig.authRequired, default_webhook_receiver: uiConfig.defaultWebhookReceiver });
  });
  router.use(
    express.static(dist, {
      // Vite hashes asset names, so they never change; index.html must be revalidated to find new ones.
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  router.get('/{*page}', (req, res, next) => {
    const index = join(dist, 'index.html');
    if (!existsSync(index))
      return sendProblem(res, { status: 404, title: 'Not Found', code: 'dashboard_not_built', detail: 'The dashboard is not built: run npm run build' });
    if (/\.\w+$/.test(req.path)) return next(); // a missing file stays a 404, never the page
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/**
 * Public, like the page itself: two booleans, never the receiver's URL (which often carries a token).
 */
interface UiConfig {
  /** false only with AUTH_DISABLED (`npm start` against the built-in simulator). */
  authRequired: boolean;
  /** WEBHOOK_URL is set: jobs without a webhook_url still send their events somewhere. */
  defaultWebhookReceiver: boolean;
}

const requireJsonForWrites: express.RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if ((req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') && hasBody && !req.is(['application/json', 'application/*+json'])) {
    return sendProblem(res, { status: 415, title: 'Unsupported Media Type', code: 'unsupported_media_type', detail: 'Send the body as application/json' });
  }
  next();
};
