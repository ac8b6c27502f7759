/** The poller role alone: `node apps/poller/dist/main.js` (any number of replicas). */
import 'reflect-metadata';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { clientFromConfig } from '@jobgate/worker';
import { startPoller } from './start-poller';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`jobgate poller: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'poller' });
  const poller = await startPoller({ config, logger, client: clientFromConfig(config.modelarts) });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing the current tick');
    const deadline = setTimeout(() => process.exit(1), 30_000);
    deadline.unref();
    await poller.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate poller: ${err.message}\n`);
  process.exit(1);
});
