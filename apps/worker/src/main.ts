/** The worker role alone: `node apps/worker/dist/main.js`. */
import 'reflect-metadata';
import { loadConfig, readEnvFile } from '@jobgate/config';
import { exitGracefully, startHealthServer } from '@jobgate/health';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { clientFromConfig } from '@jobgate/modelarts';
import { startWorker, type RunningWorker } from './start-worker';

async function main(): Promise<void> {
  // .env (in the working directory) fills in what the environment leaves unset.
  const loaded = loadConfig({ ...readEnvFile('.env'), ...process.env });
  if (!loaded.ok) {
    process.stderr.write(`jobgate worker: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'worker' });
  logger.debug({ config }, 'configuration');
  const metrics = new JobgateMetrics();
  // Up before the worker connects: /healthz answers at once, /readyz says "starting" until it has.
  const health =
    config.healthPort === null
      ? null
      : await startHealthServer({ port: config.healthPort, metrics: config.metricsEnabled ? () => metrics.scrape() : undefined });
  if (health) logger.info({ url: health.url }, 'health server listening');
  let worker: RunningWorker | null = null;
  exitGracefully({
    logger,
    deadlineMs: config.shutdownTimeoutMs,
    waitingFor: 'finishing in-flight calls (unfinished ones are resumed by another worker)',
    close: async () => {
      await worker?.close();
      await health?.close();
    },
  });
  worker = await startWorker({ config, logger, metrics, client: clientFromConfig(config.modelarts, { onCall: metrics.modelArtsCall }) });
  health?.setChecks(worker.checks);
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate worker: ${err.message}\n`);
  process.exit(1);
});
