/**
 * `npm start`: every role in one process. With no MODELARTS_ENDPOINT the ModelArts simulator runs
 * here too, and with no Redis or PostgreSQL answering it starts its own, so a new user sees a job go
 * through at once. For scaling out, run each role alone (`node apps/<role>/dist/main.js`).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig, readEnvFile } from '@jobgate/config';
import { exitGracefully } from '@jobgate/health';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { createSimulator, readSimulatorEnv, type Simulator } from '@jobgate/simulator';
import { startApi } from '@jobgate/api';
import { clientFromConfig } from '@jobgate/modelarts';
import { startWorker } from '@jobgate/worker';
import { startPoller } from '@jobgate/poller';
import { LocalServiceUnavailableError, startLocalServices, type LocalServices } from './local-services/local-services';

/** The repository root (this file is apps/standalone/dist/main.js): `.jobgate/` holds started servers' data. */
const ROOT = resolve(__dirname, '../../..');

async function main(): Promise<void> {
  // .env (in the working directory, the repository root under npm start) fills in what the environment leaves unset.
  const env: Record<string, string | undefined> = { ...readEnvFile('.env'), ...process.env };
  // Local convenience: no keys and no explicit choice → auth off, said loudly below. Only against the
  // built-in simulator: with a real endpoint, loadConfig asks for API_KEYS. Empty counts as unset, as
  // in `cp .env.example .env`.
  const implicitNoAuth = !env.API_KEYS && !env.AUTH_DISABLED && !env.MODELARTS_ENDPOINT;
  if (implicitNoAuth) env.AUTH_DISABLED = 'true';
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    const { problems } = loaded;
    process.stderr.write(
      problems.length === 1 ? `jobgate: ${problems[0]}\n` : `jobgate: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(2);
  }
  // Roles get loggers of their own: a child of a logger that already has `role` would print it twice.
  const root = createLogger({ level: loaded.config.logLevel });
  const logger = root.child({ role: 'standalone' });
  if (implicitNoAuth)
    logger.warn({ listen: '127.0.0.1' }, 'API_KEYS is not set: API authentication is DISABLED (local use only; set API_KEYS for anything else)');

  const running: { close(): Promise<void> }[] = [];
  let simulator: Simulator | null = null;
  let services: LocalServices | null = null;
  // Registered first, so a signal while starting ends the start cleanly.
  exitGracefully({
    logger,
    deadlineMs: loaded.config.shutdownTimeoutMs,
    waitingFor: 'finishing requests, calls and the current tick',
    // The api first, so nothing new arrives while the worker and poller finish; the servers last.
    close: async () => {
      for (const role of running.reverse()) await role.close();
      await simulator?.close();
      await services?.stop();
    },
  });

  services = await startLocalServices({
    redisUrl: env.REDIS_URL || undefined,
    redisClusterNodes: env.REDIS_CLUSTER_NODES || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(ROOT, '.jobgate'),
    searchPath: env.PATH,
    logLevel: loaded.config.logLevel,
    logger,
  });
  const config = Object.freeze({ ...loaded.config, redisUrl: services.redisUrl, databaseUrl: services.databaseUrl });

  let simulatorCredentials: { url: string; ak: string; sk: string } | undefined;
  if (config.modelarts.kind === 'simulator') {
    const ak = `SIM${randomBytes(8).toString('hex').toUpperCase()}`;
    const sk = randomBytes(24).toString('base64url');
    // SIM_TRAIN makes its jobs report learning curves (sweeps with `reporting`); other SIM_* settings are for tests.
    const simEnv = readSimulatorEnv(env);
    const training = simEnv.ok ? simEnv.config.options.training : undefined;
    simulator = createSimulator({ projectId: config.modelarts.projectId, credentials: { ak, sk }, training });
    const url = await simulator.listen(Number(env.SIM_PORT ?? 8900), '127.0.0.1');
    simulatorCredentials = { url, ak, sk };
    logger.info({ url, controls: `${url}/__sim/jobs` }, 'MODELARTS_ENDPOINT not set: using the built-in ModelArts simulator');
  }

  // One registry for every role: the api's /metrics shows them all (HEALTH_PORT is for roles run alone).
  const metrics = new JobgateMetrics();
  const client = clientFromConfig(config.modelarts, { simulator: simulatorCredentials, onCall: metrics.modelArtsCall });
  running.push(await startWorker({ config, logger: root.child({ role: 'worker' }), client, metrics }));
  running.push(await startPoller({ config, logger: root.child({ role: 'poller' }), client, metrics }));
  running.push(await startApi(config, root.child({ role: 'api' }), { metrics, client }));
}

main().catch((err: Error) => {
  // A missing server is one line that says what to do; anything else is a bug, with its stack.
  process.stderr.write(err instanceof LocalServiceUnavailableError ? `jobgate: ${err.message}\n` : `jobgate: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
