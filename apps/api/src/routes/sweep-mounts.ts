import type { Router } from 'express';
import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { JobMetricsRepository, SweepRepository } from '@jobgate/store';
import { jobMetricsRoutes } from './job-metrics.routes';
import { sweepsRoutes, type SweepsRoutesDeps } from './sweeps.routes';

export interface SweepMountsOptions extends SweepsRoutesDeps {
  metrics: JobMetricsRepository;
}

/** The sweep routes and the job-metrics route, as buildApp's `extraRoutes`. */
export function sweepMounts(options: SweepMountsOptions): { path: string; router: Router }[] {
  return [
    { path: '/sweeps', router: sweepsRoutes(options) },
    // Beside the job routes under /v1/jobs; requests they do not match fall through to it.
    { path: '/jobs', router: jobMetricsRoutes({ metrics: options.metrics }) },
  ];
}

/**
 * Releases trials into slots that freed while no process was releasing (a restart, a poller that is
 * not running) and enqueues them. Safe to run from any number of processes at once.
 */
export async function releaseWaitingTrials(sweeps: SweepRepository, queues: JobgateQueues, logger: Logger): Promise<number> {
  const released = await sweeps.releaseAll();
  await queues.enqueueSubmitBulk(released.map((r) => ({ jobId: r.jobId, requestId: r.requestId })));
  if (released.length > 0) logger.info({ released: released.length }, 'released waiting sweep trials');
  return released.length;
}
