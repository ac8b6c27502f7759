import { Cluster } from 'ioredis';
import { maxInAnyWindow } from '../support/batch';
import { startPgBouncer, type RunningPgBouncer } from '../support/pgbouncer';
import { startRedisCluster, type RunningRedisCluster } from '../support/redis-cluster';
import { eventually, Stack } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FAULT_SIM_ENV, FAULT_WEBHOOK_SECRET, faultStackEnv } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { freePort } from './support/free-port';
import { liveProcess } from './support/live-process';
import { ScratchDatabase } from './support/scratch-database';
import { awaitingSubmission } from './support/store-records';

const JOBS = 300;
const RATE = 10;

/**
 * What a large deployment runs: 2 api, 3 worker and 2 poller processes on a Redis Cluster of three
 * masters with one replica each, reaching PostgreSQL through PgBouncer in transaction mode. While
 * intake and submission run, one process of every role is SIGKILLed (and replaced), the master that
 * holds jobgate's slot is SIGKILLed (its replica takes over) and PgBouncer is restarted. Every job is
 * still created exactly once, every terminal webhook arrives, and the shared gate never lets more
 * than SUBMIT_RATE_LIMIT creates reach ModelArts in any one second.
 */
describe('fault: many replicas on Redis Cluster and PgBouncer', () => {
  let cluster: RunningRedisCluster | undefined;
  let bouncer: RunningPgBouncer | undefined;
  let database: ScratchDatabase | undefined;
  let receiver: WebhookReceiver | undefined;
  let stack: Stack | undefined;
  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    await bouncer?.stop();
    await cluster?.stop();
    await database?.drop();
    await receiver?.stop();
  });

  it(`submits ${JOBS} jobs exactly once each through every kind of failure at once`, async () => {
    receiver = await new WebhookReceiver().start();
    database = await ScratchDatabase.create();
    // Ports of its own (the scale e2e project uses 7300…; cluster bus ports are +10000).
    cluster = await startRedisCluster({ basePort: 7400, masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
    bouncer = await startPgBouncer({ databaseUrl: database.url, port: await freePort() });
    stack = new Stack({
      roles: { api: 2, worker: 3, poller: 2 },
      databaseUrl: bouncer.url,
      redisClusterNodes: cluster.nodes,
      spreadApiCalls: true,
      env: faultStackEnv({ SUBMIT_RATE_LIMIT: String(RATE), DATABASE_POOL_SIZE: '5' }),
      simEnv: FAULT_SIM_ENV,
    });
    await stack.start();
    const webhookUrl = `${receiver.url}/hooks`;

    // ~30 s of creates at RATE/s and ~20 s of intake: the disruptions below land while both run.
    const intake = submitAll(stack, { prefix: 'scale', count: JOBS, webhookUrl, concurrency: 4, spacingMs: 250 });
    const disruptions: string[] = [];
    const replacements: Promise<unknown>[] = [];
    await sleep(2_000);
    for (const role of ['worker', 'api', 'poller'] as const) {
      await stack.kill(liveProcess(stack, role), 'SIGKILL');
      disruptions.push(`${role} SIGKILL`);
      // Replaced as an orchestrator would, a while later; the survivors carry on meanwhile.
      replacements.push(sleep(3_000).then(() => stack!.startRole(role)));
      await sleep(1_000);
    }
    await cluster.killMaster(await masterIndexOf(cluster, stack.prefix));
    disruptions.push('Redis master SIGKILL (replica promoted)');
    await sleep(1_000);
    // The last disruption must still land mid-run: jobs are waiting to be created when it comes.
    const waitingAtLast = await awaitingSubmission(stack);
    await bouncer.restart();
    disruptions.push('PgBouncer restart');
    await Promise.all(replacements);
    const { accepted, retried } = await intake;
    await eventually(async () => (await awaitingSubmission(stack!)) === 0, { timeoutMs: 240_000, intervalMs: 1_000, what: 'every job submitted' });

    const counts = await settleAndAudit({ stack, receiver, accepted });
    reportScenario(`2 api / 3 worker / 2 poller on Redis Cluster + PgBouncer (${disruptions.length} disruptions)`, counts);
    process.stdout.write(
      `[faults]   disruptions: ${disruptions.join(', ')}; jobs still to create at the last one: ${waitingAtLast}; intake retries by status: ${JSON.stringify(retried)}\n`,
    );
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(waitingAtLast).toBeGreaterThan(0);
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create').map((c: { at: number }) => c.at);
    expect(creates.length).toBeGreaterThanOrEqual(JOBS);
    expect(maxInAnyWindow(creates, 1_000)).toBeLessThanOrEqual(RATE);
    receiver.at('/hooks', FAULT_WEBHOOK_SECRET);
  }, 600_000);
});

/** Index (among the masters) of the master that serves the slot of every jobgate key of this stack. */
async function masterIndexOf(cluster: RunningRedisCluster, prefix: string): Promise<number> {
  const masters = cluster.nodes.split(',');
  const client = new Cluster(masters.map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })));
  try {
    const slots = await client.cluster('SLOTS');
    const slot = Number(await client.cluster('KEYSLOT', `${prefix}:submit`));
    const owner = slots.find(([from, to]) => slot >= from && slot <= to)?.[2];
    if (!owner) throw new Error(`no master serves slot ${slot}`);
    return masters.indexOf(`${owner[0]}:${owner[1]}`);
  } finally {
    client.disconnect();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
