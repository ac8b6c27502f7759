/**
 * `npm start`: every role in one process. With no MODELARTS_ENDPOINT the ModelArts simulator runs
 * here too, so a new user sees a job go through at once. For scaling out, run each role alone
 * (`node apps/<role>/dist/main.js`).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@jobgate/config';
import { exitGracefully } from '@jobgate/health';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { createSimulator, type Simulator } from '@jobgate/simulator';
import { startApi } from '@jobgate/api';
import { clientFromConfig } from '@jobgate/modelarts';
import { startWorker } from '@jobgate/worker';
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

  // One registry for every role: the api's /metrics shows them all (HEALTH_PORT is for roles run alone).
  const metrics = new JobgateMetrics();
  const client = clientFromConfig(config.modelarts, { simulator: simulatorCredentials, onCall: metrics.modelArtsCall });
  const running: { close(): Promise<void> }[] = [];
  exitGracefully({
    logger, deadlineMs: config.shutdownTimeoutMs, waitingFor: 'finishing requests, calls and the current tick',
    // The api first, so nothing new arrives while the worker and poller finish.
    close: async () => {
      for (const role of running.reverse()) await role.close();
      await simulator?.close();
    },
  });
  running.push(await startWorker({ config, logger: logger.child({ role: 'worker' }), client, metrics }));
  running.push(await startPoller({ config, logger: logger.child({ role: 'poller' }), client, metrics }));
  running.push(await startApi(config, logger.child({ role: 'api' }), { metrics, client }));
}

main().catch((err: Error) => {
  process.stderr.write(`jobgate: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
