import { Router } from 'express';
import { checkReadiness, notReadyProblem, type HealthChecks, type MetricsText } from '@jobgate/health';

export interface OpsRoutesOptions {
  /** Behind /readyz: Redis, PostgreSQL and migrations, given by start-api. Default none (always ready). */
  readiness?: HealthChecks;
  /** The Prometheus exposition; without it /metrics is a 404 (METRICS_ENABLED=false). */
  metrics?: () => Promise<MetricsText>;
}

/**
 * Operator endpoints, unauthenticated so that probes and Prometheus need no key: `/healthz` (the
 * process answers), `/readyz` (503 problem naming each failing dependency) and `/metrics`.
 * Metrics carry counts and operation names only, no job data; restrict them at the network edge,
 * or turn them off.
 */
export function opsRoutes(options: OpsRoutesOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(options.readiness ?? {});
    res.setHeader('Cache-Control', 'no-store');
    if (report.ready) return void res.json({ status: 'ready', checks: report.checks });
    res.status(503).type('application/problem+json').json(notReadyProblem(report));
  });
  if (options.metrics) {
    const metrics = options.metrics;
    router.get('/metrics', async (_req, res) => {
      const text = await metrics();
      res.setHeader('Cache-Control', 'no-store');
      res.type(text.contentType).send(text.body);
    });
  }
  return router;
}
