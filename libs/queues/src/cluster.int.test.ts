import type { Cluster } from 'ioredis';
import { createRedis, type RedisClusterTarget } from './connections';
import { JobgateQueues } from './queues';
import { queueDepths } from './queue-depths';
import { checkRedis } from './redis-ready';
import { redisKeys } from './redis-keys';
import { SlidingWindowLimiter } from './sliding-window-limiter';
import { TickLock, pollTickLock } from './tick-lock';
import { createQueueWorker } from './worker-factory';
import { startRedisCluster, type RunningRedisCluster } from '../../../test/support/redis-cluster';
import { uniqueName } from '../../../test/support/services';

// Ports 7100-7105: three masters, one replica each (this helper's range; bus ports +10000).
describe('the queues on a Redis Cluster', () => {
  let cluster: RunningRedisCluster;
  let target: RedisClusterTarget;
  let worker: Cluster;
  let producer: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ basePort: 7100, masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
    target = { nodes: cluster.nodes.split(',').map((n) => ({ host: n.split(':')[0]!, port: Number(n.split(':')[1]) })) };
    worker = createRedis({ url: '', cluster: target, role: 'worker' }) as Cluster;
    producer = createRedis({ url: '', cluster: target, role: 'producer' }) as Cluster;
  }, 60_000);
  afterAll(async () => {
    worker?.disconnect();
    producer?.disconnect();
    await cluster?.stop();
  });

  const prefix = () => `{${uniqueName('cl')}}`;

  it('both roles connect as a Cluster client and pass the readiness check', async () => {
    expect(worker.isCluster && producer.isCluster).toBe(true);
    // As with one server, ready once connected (here: once the slot map is loaded).
    await waitFor(() => worker.status === 'ready' && producer.status === 'ready');
    await checkRedis(worker);
    await checkRedis(producer);
  });

  it('a producer fails fast, as on one server, when no cluster node answers', async () => {
    const dead = createRedis({ url: '', cluster: { nodes: [{ host: '127.0.0.1', port: 7109 }] }, role: 'producer' });
    const queues = new JobgateQueues({ connection: dead, prefix: prefix() });
    const started = Date.now();
    await expect(checkRedis(dead)).rejects.toThrow(/not connected/);
    await expect(queues.enqueueSubmit({ jobId: 'j1' } as never)).rejects.toThrow(/not connected/);
    expect(Date.now() - started).toBeLessThan(5_000);
    dead.disconnect();
    await queues.close().catch(() => undefined);
  });

  it('adds jobs from a producer connection and processes them with a worker on the cluster', async () => {
    const p = prefix();
    const queues = new JobgateQueues({ connection: producer, prefix: p });
    const seen: string[] = [];
    const consumer = createQueueWorker(
      'webhook',
      async (job) => {
        seen.push(job.data.eventId);
      },
      { redisUrl: '', redisCluster: target, prefix: p, concurrency: 4 },
    );
    try {
      await queues.enqueueWebhooks(['e1', 'e2', 'e3']);
      await waitFor(() => seen.length === 3);
      expect(seen.sort()).toEqual(['e1', 'e2', 'e3']);
      await queues.enqueueSubmit({ jobId: 'j1' } as never);
      const depths = await queueDepths(queues);
      expect(depths['submit']).toEqual({ waiting: 1, active: 0, delayed: 0, failed: 0 });
      expect(depths['webhook']!.waiting + depths['webhook']!.active).toBe(0);
      // Reconciliation's pipeline of EXISTS + ZSCORE across job keys: legal because they share a slot.
      expect(await queues.ensureSubmitted([{ jobId: 'j1' } as never, { jobId: 'j2' } as never])).toBe(1);
    } finally {
      await consumer.close();
      await queues.close();
    }
  });

  it('keeps every key of a deployment, BullMQ and jobgate alike, in one slot', async () => {
    const p = prefix();
    const queues = new JobgateQueues({ connection: producer, prefix: p });
    await queues.enqueueSubmit({ jobId: 'j1' } as never);
    await queues.wasWiped();
    await queues.writeAccountQuota({ quotas: 3, jobCountLimit: 10, observedAtMs: Date.now() });
    await new SlidingWindowLimiter({ redis: worker, keyPrefix: redisKeys.submitGate(p), max: 1 }).pauseFor(5_000);
    const keys = (await Promise.all(worker.nodes('master').map((node) => node.keys(`${p}*`)))).flat();
    expect(keys.length).toBeGreaterThan(5);
    const slots = new Set(await Promise.all(keys.map((k) => worker.cluster('KEYSLOT', k))));
    expect(slots.size).toBe(1);
    await queues.close();
  });

  it('the submit gate never admits more than its limit in any window, across limiters, and its pause holds', async () => {
    const keyPrefix = redisKeys.submitGate(prefix());
    const limiters = [worker, producer, worker].map((redis) => new SlidingWindowLimiter({ redis, keyPrefix, max: 5, windowMs: 300 }));
    const times: number[] = [];
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 10 }, async () => {
          const permit = await limiter.acquire();
          times.push(Date.now());
          await permit.done();
        }),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(30);
    // Allow 20 ms for the client clocks against the server's TIME.
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(280);
    await limiters[0]!.pauseFor(400);
    expect(await limiters[1]!.tryAcquire()).toBeGreaterThan(200);
  });

  it('the poll tick lock lets one runner in at a time', async () => {
    const p = prefix();
    const a = pollTickLock({ redis: worker, prefix: p, intervalMs: 100 });
    const b = new TickLock({ redis: producer, key: redisKeys.pollTickLock(p) });
    let release!: () => void;
    const first = a.run(() => new Promise<void>((resolve) => (release = resolve)));
    await waitFor(async () => (await worker.exists(redisKeys.pollTickLock(p))) === 1);
    expect(await b.run(async () => 'ran')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: undefined });
    expect(await b.run(async () => 'ran')).toEqual({ ran: true, value: 'ran' });
  });

  it('the sentinel reports a flush of the cluster (every master) once', async () => {
    const queues = new JobgateQueues({ connection: producer, prefix: prefix() });
    expect(await queues.wasWiped()).toBe(true);
    expect(await queues.wasWiped()).toBe(false);
    await Promise.all(worker.nodes('master').map((node) => node.flushall()));
    expect(await queues.wasWiped()).toBe(true);
    expect(await queues.wasWiped()).toBe(false);
    await queues.close();
  });

  it('survives the failover of the master holding the queues: jobs kept, sentinel kept, processing resumes', async () => {
    const p = prefix();
    const queues = new JobgateQueues({ connection: worker, prefix: p });
    expect(await queues.wasWiped()).toBe(true);
    await queues.enqueueWebhooks(['before']);
    // Replication is asynchronous: let the replica acknowledge the writes before the master dies.
    const owner = await slotOwner(worker, redisKeys.sentinel(p));
    await waitForReplica(worker, owner);
    const masters = cluster.nodes.split(',').slice(0, 3);
    await cluster.killMaster(masters.indexOf(owner));
    const seen: string[] = [];
    const consumer = createQueueWorker(
      'webhook',
      async (job) => {
        seen.push(job.data.eventId);
      },
      { redisUrl: '', redisCluster: target, prefix: p, concurrency: 1 },
    );
    try {
      await queues.enqueueWebhooks(['after']);
      await waitFor(() => seen.length === 2, 30_000);
      expect(seen.sort()).toEqual(['after', 'before']);
      expect(await queues.wasWiped()).toBe(false);
    } finally {
      await consumer.close();
      await queues.close();
    }
  }, 90_000);
});

/** `host:port` of the master that holds `key`'s slot. */
async function slotOwner(redis: Cluster, key: string): Promise<string> {
  const slot = Number(await redis.cluster('KEYSLOT', key));
  const range = (await redis.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to)!;
  return `${range[2]![0]}:${range[2]![1]}`;
}

async function waitForReplica(redis: Cluster, owner: string): Promise<void> {
  const node = redis.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner)!;
  expect(await node.wait(1, 5_000)).toBe(1);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
