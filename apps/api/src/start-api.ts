import type { Server } from 'node:http';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import { type Logger, logRetry } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { CancelRepository, JobMetricsRepository, JobRepository, openStore, SubmissionRepository, SweepRepository, WebhookEventRepository } from '@jobgate/store';
import { buildApp } from './app';
import { releaseWaitingTrials, sweepMounts } from './routes/sweep-mounts';
import { lifecycleMounts } from './routes/lifecycle-mounts';
import { jobHistoryRoutes } from './routes/job-history.routes';
import { operationsDeps } from './operations';
import { webhookUrlCheck } from './webhook-url-check';

export interface StartApiOptions {
  /** Where the api counts; `npm start` passes the one its roles share. Default a registry of its own. */
  metrics?: JobgateMetrics;
}

export interface RunningApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Connects, migrates, re-enqueues records a crash left behind, then listens. */
export async function startApi(config: JobgateConfig, logger: Logger, options: StartApiOptions = {}): Promise<RunningApi> {
  const onRetry = logRetry(logger);
  const pool = await openStore({ url: config.databaseUrl, schema: config.databaseSchema, onRetry, onError: (err) => logger.warn({ err }, 'PostgreSQL connection error') });
  const redis = createRedis({ url: config.redisUrl, role: 'producer', onError: (err) => logger.warn({ err: err.message }, 'Redis connection error') });
  const queues = new JobgateQueues({ connection: redis, prefix: config.queuePrefix, submitMaxAttempts: config.submitMaxAttempts });
  const jobs = new JobRepository(pool);
  await retryWithBackoff(async () => {
    const repaired = await new SubmissionRepository(pool).forEachUnfinished((page) => queues.ensureSubmitted(page));
    if (repaired > 0) logger.info({ repaired }, 're-enqueued records that were missing from the submit queue');
  }, { what: 'Redis', onRetry });
  const sweeps = new SweepRepository(pool);
  await retryWithBackoff(() => releaseWaitingTrials(sweeps, queues, logger), { what: 'Redis', onRetry });

  const events = new WebhookEventRepository(pool, { defaultUrl: config.webhookUrl });
  const cancels = new CancelRepository(pool, events);
  const operations = operationsDeps({ config, pool, redis, queues, metrics: options.metrics ?? new JobgateMetrics(), logger });
  const extraRoutes = sweepMounts({
    sweeps, metrics: new JobMetricsRepository(pool), queues, logger, onAccepted: operations.onAccepted,
    // Running trials of a canceled sweep get the same stop as POST /v1/jobs/{id}/cancel.
    requestStop: async (jobId, requestId) => {
      const result = await cancels.requestCancel(jobId, 'sweep canceled');
      if (result.kind === 'stopping' || result.kind === 'already') await queues.enqueueCancel({ jobId, requestId });
      if (result.kind === 'canceled') await queues.enqueueWebhooks(result.eventIds);
    },
    finishSweep: async (sweepId) => {
      const ids: string[] = [];
      const summary = await sweeps.finishIfDone(sweepId, {
        onFinished: async (ended, db) => {
          const id = await events.recordForSweep(ended, db);
          if (id) ids.push(id);
        },
      });
      if (ids.length > 0) await queues.enqueueWebhooks(ids);
      return summary;
    },
  });
  extraRoutes.push(...lifecycleMounts({ pool, jobs, queues, logger, defaultWebhookUrl: config.webhookUrl }));
  extraRoutes.push({ path: '/jobs', router: jobHistoryRoutes({ jobs, submissions: new SubmissionRepository(pool) }) });
  const { close: closeOperations, ...operated } = operations;
  const app = buildApp({
    auth: { apiKeys: config.apiKeys, disabled: config.authDisabled }, jobs, queues, logger, extraRoutes,
    checkWebhookUrl: webhookUrlCheck(config), defaultWebhookReceiver: config.webhookUrl !== null, ...operated,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    // listenHost null: every interface. Without authentication it is loopback only (libs/config).
    const listening = (err?: Error) => (err ? reject(err) : resolve(s));
    const s = config.listenHost ? app.listen(config.port, config.listenHost, listening) : app.listen(config.port, listening);
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : config.port}`;
  logger.info({ url, auth: config.authDisabled ? 'disabled' : `${config.apiKeys.length} key(s)` }, 'api listening');
  return {
    server,
    url,
    async close() {
      await closeServer(server);
      await closeOperations();
      await queues.close();
      redis.disconnect();
      await pool.end();
    },
  };
}

/**
 * Stops listening and waits for requests in flight. Idle keep-alive connections are closed now and
 * as they become idle, so a client that keeps its connection open cannot hold the shutdown.
 */
function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  return closed.finally(() => clearInterval(sweep));
}
