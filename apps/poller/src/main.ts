/** The poller role alone: `node apps/poller/dist/main.js` (any number of replicas). */
import 'reflect-metadata';
import { loadConfig, readEnvFile } from '@jobgate/config';
import { exitGracefully, startHealthServer } from '@jobgate/health';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { clientFromConfig } from '@jobgate/modelarts';
import { startPoller, type RunningPoller } from './start-poller';

async function main(): Promise<void> {
  // .env (in the working directory) fills in what the environment leaves unset.
  const loaded = loadConfig({ ...readEnvFile('.env'), ...process.env });
  if (!loaded.ok) {
    process.stderr.write(`jobgate poller: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'poller' });
  logger.debug({ config }, 'configuration');
  const metrics = new JobgateMetrics();
  // Up before the poller connects: /healthz answers at once, /readyz says "starting" until it has.
  const health =
    config.healthPort === null
      ? null
      : await startHealthServer({ port: config.healthPort, metrics: config.metricsEnabled ? () => metrics.scrape() : undefined });
  if (health) logger.info({ url: health.url }, 'health server listening');
  let poller: RunningPoller | null = null;
  exitGracefully({
    logger,
    deadlineMs: config.shutdownTimeoutMs,
    waitingFor: 'finishing the current tick',
    close: async () => {
      await poller?.close();
      await health?.close();
    },
  });
  poller = await startPoller({ config, logger, metrics, client: clientFromConfig(config.modelarts, { onCall: metrics.modelArtsCall }) });
  health?.setChecks(poller.checks);
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate poller: ${err.message}\n`);
  process.exit(1);
});
