import type { Server } from 'node:http';
import type { JobgateConfig } from '@jobgate/config';
import { retryWithBackoff } from '@jobgate/errors';
import { Lifecycle } from '@jobgate/lifecycle';
import { type Logger, logRetry } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import type { ModelArtsClient } from '@jobgate/modelarts';
import { createRedis, JobgateQueues, redisKeys, SlidingWindowLimiter } from '@jobgate/queues';
import { openStore, Store } from '@jobgate/store';
import { buildApp } from './app';
import { operationsDeps } from './operations';
import { webhookUrlCheck } from './webhook-url-check';

export interface StartApiOptions {
  /** Where the api counts; `npm start` passes the one its roles share. Default a registry of its own. */
  metrics?: JobgateMetrics;
  /**
   * ModelArts, for job logs and the account's flavors, engines and quota. Default none: logs answer
   * 503 and intake is not checked against the account.
   */
  client?: ModelArtsClient;
}

export interface RunningApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Connects, migrates, rebuilds queues a crash or a Redis wipe left short, then listens. */
export async function startApi(config: JobgateConfig, logger: Logger, options: StartApiOptions = {}): Promise<RunningApi> {
  const onRetry = logRetry(logger);
  const pool = await openStore({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    max: config.databasePoolSize,
    onRetry,
    onError: (err) => logger.warn({ err }, 'PostgreSQL connection error'),
  });
  const redis = createRedis({
    url: config.redisUrl,
    cluster: config.redisCluster,
    tlsCaFile: config.redisTlsCaFile,
    role: 'producer',
    onError: (err) => logger.warn({ err: err.message }, 'Redis connection error'),
  });
  const queues = new JobgateQueues({ connection: redis, prefix: config.queuePrefix, submitMaxAttempts: config.submitMaxAttempts });
  const readGate = new SlidingWindowLimiter({ redis, keyPrefix: redisKeys.modelartsReadGate(config.queuePrefix), max: config.modelartsReadRateLimit });
  const lifecycle = new Lifecycle({
    store: new Store(pool, { schema: config.databaseSchema, defaultWebhookUrl: config.webhookUrl }),
    queues,
    logger,
    secretOverlapSec: config.webhookSecretOverlapSec,
    modelarts: options.client && { client: options.client, readGate, account: { catalogRefreshMs: config.modelartsCatalogRefreshMs } },
  });
  await retryWithBackoff(() => lifecycle.reconcile.run(), { what: 'Redis', onRetry });
  lifecycle.start();

  const operations = operationsDeps({ config, pool, redis, queues, metrics: options.metrics ?? new JobgateMetrics(), logger });
  const { close: closeOperations, ...operated } = operations;
  const app = buildApp({
    auth: { apiKeys: config.apiKeys, disabled: config.authDisabled },
    lifecycle,
    logger,
    checkWebhookUrl: webhookUrlCheck(config),
    defaultWebhookReceiver: config.webhookUrl !== null,
    publicUrl: config.publicUrl,
    ...operated,
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
      await lifecycle.close();
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
