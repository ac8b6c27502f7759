/** The worker role alone: `node apps/worker/dist/main.js`. */
import 'reflect-metadata';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { clientFromConfig } from './modelarts-client';
import { startWorker } from './start-worker';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`jobgate worker: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'worker' });
  const worker = await startWorker({ config, logger, client: clientFromConfig(config.modelarts) });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight calls');
    const deadline = setTimeout(() => {
      logger.error('shutdown deadline passed; exiting with work in flight (it will be resumed)');
      process.exit(1);
    }, 30_000);
    deadline.unref();
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate worker: ${err.message}\n`);
  process.exit(1);
});
