/** The api role alone: `node apps/api/dist/main.js`. */
import 'reflect-metadata';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { startApi } from './start-api';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`jobgate api: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: loaded.config.logLevel, role: 'api' });
  const api = await startApi(loaded.config, logger);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    await api.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

void main();
