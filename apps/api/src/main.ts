/** The api role alone: `node apps/api/dist/main.js`. */
import 'reflect-metadata';
import { loadConfig, readEnvFile } from '@jobgate/config';
import { exitGracefully } from '@jobgate/health';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { clientFromConfig } from '@jobgate/modelarts';
import { startApi, type RunningApi } from './start-api';

async function main(): Promise<void> {
  // .env (in the working directory) fills in what the environment leaves unset.
  const loaded = loadConfig({ ...readEnvFile('.env'), ...process.env });
  if (!loaded.ok) {
    process.stderr.write(`jobgate api: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'api' });
  logger.debug({ config }, 'configuration');
  // Registered first, so a signal while waiting for Redis or PostgreSQL ends the wait cleanly.
  let api: RunningApi | null = null;
  exitGracefully({ logger, deadlineMs: config.shutdownTimeoutMs, waitingFor: 'answering requests in flight', close: async () => api?.close() });
  const metrics = new JobgateMetrics();
  // Logs and the account's lists need ModelArts; without an endpoint (a simulator only `npm start` runs) the api does without.
  const client = config.modelarts.kind === 'simulator' ? undefined : clientFromConfig(config.modelarts, { onCall: metrics.modelArtsCall });
  if (!client) logger.warn("MODELARTS_ENDPOINT is not set: job logs are unavailable and intake is not checked against the account's flavors and engines");
  api = await startApi(config, logger, { metrics, client });
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate api: ${err.message}\n`);
  process.exit(1);
});
