import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Express } from 'express';

export interface QueueDashboardOptions {
  queues: Queue[];
  /** Where buildApp mounts it; the page's links are relative to it. Default `/admin/queues`. */
  basePath?: string;
}

/**
 * bull-board over jobgate's queues, read-only: API keys are handed to every client team, and
 * removing, cleaning or retrying queue jobs by hand would bypass the records in PostgreSQL, which
 * jobgate's own reconciliation and retries keep true.
 */
export function queueDashboard(options: QueueDashboardOptions): Express {
  const serverAdapter = new ExpressAdapter().setBasePath(options.basePath ?? '/admin/queues');
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'jobgate queues' } },
  });
  const router = serverAdapter.getRouter() as Express;
  // bull-board serves from an Express app of its own, which would announce itself otherwise.
  router.disable('x-powered-by');
  return router;
}
