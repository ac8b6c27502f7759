/**
 * `npm start`: every role in one process. With no MODELARTS_ENDPOINT the ModelArts simulator runs
 * here too, so a new user sees a job go through at once. For scaling out, run each role alone
 * (`node apps/<role>/dist/main.js`).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { createSimulator, type Simulator } from '@jobgate/simulator';
import { startApi } from '@jobgate/api';
import { clientFromConfig, startWorker } from '@jobgate/worker';
import { startPoller } from '@jobgate/poller';

async function main(): Promise<void> {
  const env = { ...process.env };
  // Local convenience: no keys and no explicit choice → auth off, said loudly below.
  const implicitNoAuth = !env.API_KEYS && env.AUTH_DISABLED === undefined;
  if (implicitNoAuth) env.AUTH_DISABLED = 'true';
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    process.stderr.write(`jobgate: invalid configuration:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, role: 'standalone' });
  if (implicitNoAuth) logger.warn('API_KEYS is not set: API authentication is DISABLED (local use only; set API_KEYS for anything else)');

  let simulator: Simulator | null = null;
  let simulatorCredentials: { url: string; ak: string; sk: string } | undefined;
  if (config.modelarts.kind === 'simulator') {
    const ak = `SIM${randomBytes(8).toString('hex').toUpperCase()}`;
    const sk = randomBytes(24).toString('base64url');
    simulator = createSimulator({ projectId: config.modelarts.projectId, credentials: { ak, sk } });
    const url = await simulator.listen(Number(process.env.SIM_PORT ?? 8900), '127.0.0.1');
    simulatorCredentials = { url, ak, sk };
    logger.info({ url, controls: `${url}/__sim/jobs` }, 'MODELARTS_ENDPOINT not set: using the built-in ModelArts simulator');
  }

  const client = clientFromConfig(config.modelarts, { simulator: simulatorCredentials });
  const worker = await startWorker({ config, logger: logger.child({ role: 'worker' }), client });
  const poller = await startPoller({ config, logger: logger.child({ role: 'poller' }), client });
  const api = await startApi(config, logger.child({ role: 'api' }));

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 30_000);
    deadline.unref();
    await api.close();
    await poller.close();
    await worker.close();
    await simulator?.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
