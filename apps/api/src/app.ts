import express, { type Express, type Router } from 'express';
import type { Logger } from '@jobgate/logging';
import type { JobRepository } from '@jobgate/store';
import type { JobgateQueues } from '@jobgate/queues';
import { bearerAuth } from './auth';
import { errorHandler, notFoundHandler, sendProblem } from './problem';
import { requestId } from './request-id';
import { jobsRoutes } from './routes/jobs.routes';

export interface ApiDeps {
  auth: { apiKeys: readonly string[]; disabled: boolean };
  jobs: JobRepository;
  queues: JobgateQueues;
  logger: Logger;
  /** SSRF policy check of a job's `webhook_url` at intake; default none (tests of other routes). */
  checkWebhookUrl?: (url: string) => Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Extra authenticated routers mounted under /v1 (sweeps, deliveries…), composed by main.ts. */
  extraRoutes?: { path: string; router: Router }[];
  /** Body limit for JSON; default 1 MB. */
  bodyLimit?: string;
}

/** Builds the Express app without listening, so tests drive it directly. */
export function buildApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Records change under the same URL; weak ETags would only cost a hash of every body.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(accessLog(deps.logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/v1', requireJsonForWrites, express.json({ limit: deps.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'] }));
  app.use('/v1', bearerAuth(deps.auth));
  app.use('/v1/jobs', jobsRoutes(deps));
  for (const extra of deps.extraRoutes ?? []) app.use(`/v1${extra.path}`, extra.router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

const requireJsonForWrites: express.RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if ((req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') && hasBody && !req.is(['application/json', 'application/*+json'])) {
    return sendProblem(res, { status: 415, title: 'Unsupported Media Type', code: 'unsupported_media_type', detail: 'Send the body as application/json' });
  }
  next();
};

function accessLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({ requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
