import { UnrecoverableError, Worker } from 'bullmq';
import { createRedis } from './connections';
import { JobgateQueues } from './queues';
import { testServices, uniqueName } from '../../../test/support/services';

describe('JobgateQueues.ensureSubmitted (Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  it('adds records missing from the queue, retries failed ones, and leaves present ones alone', async () => {
    const queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    await queues.enqueueSubmit({ jobId: 'present' });
    await queues.enqueueSubmit({ jobId: 'will-fail' });
    const worker = new Worker(
      'submit',
      async (job) => {
        if (job.id === 'will-fail') throw new UnrecoverableError('boom');
        await new Promise((r) => setTimeout(r, 60_000)); // hold 'present' active
      },
      { connection: createRedis({ url: testServices().redisUrl, role: 'worker' }), prefix: queues.prefix, concurrency: 2 },
    );
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close(true); // nobody processes the retried job: its state is what ensureSubmitted left

    const repaired = await queues.ensureSubmitted([{ jobId: 'present' }, { jobId: 'will-fail' }, { jobId: 'lost-1' }, { jobId: 'lost-2' }]);
    expect(repaired).toBe(3);
    expect(await queues.submit.getJob('lost-1')).toBeDefined();
    expect(await queues.submit.getJob('lost-2')).toBeDefined();
    expect(await (await queues.submit.getJob('will-fail'))!.isFailed()).toBe(false);
    expect(await queues.ensureSubmitted([{ jobId: 'lost-1' }])).toBe(0);
    await queues.submit.obliterate({ force: true });
    await queues.close();
  });
});

describe('JobgateQueues account quota (Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  it('keeps the last quota any role read, under the deployment prefix, with unknown fields as null', async () => {
    const prefix = uniqueName('q');
    const queues = new JobgateQueues({ connection: redis, prefix });
    expect(await queues.readAccountQuota()).toBeNull();
    await queues.writeAccountQuota({ quotas: 5, jobCountLimit: null, observedAtMs: 1234 });
    const other = new JobgateQueues({ connection: redis, prefix });
    expect(await other.readAccountQuota()).toEqual({ quotas: 5, jobCountLimit: null, observedAtMs: 1234 });
    const elsewhere = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    expect(await elsewhere.readAccountQuota()).toBeNull();
    expect(await redis.pttl(`${prefix}:modelarts:quota`)).toBeGreaterThan(0);
    await redis.del(`${prefix}:modelarts:quota`);
    await Promise.all([queues.close(), other.close(), elsewhere.close()]);
  });
});

describe('JobgateQueues.ensurePollScheduler (Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  it("re-creates the scheduler's next tick when a failover lost it but kept the scheduler", async () => {
    const queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    expect(await queues.ensurePollScheduler(60_000)).toBe(true);
    expect(await queues.ensurePollScheduler(60_000)).toBe(false); // healthy: left alone
    // What a failover that loses the last writes can leave: the scheduler, without its next tick.
    const base = `${queues.prefix}:${queues.poll.name}`;
    for (const job of await queues.poll.getJobs(['delayed', 'waiting', 'prioritized'])) await redis.del(`${base}:${job.id}`);
    await redis.del(`${base}:delayed`, `${base}:wait`, `${base}:prioritized`, `${base}:marker`);
    expect(await queues.poll.getJobCountByTypes('delayed', 'waiting', 'prioritized', 'active')).toBe(0);
    expect(await queues.ensurePollScheduler(60_000)).toBe(true);
    expect(await queues.poll.getJobCountByTypes('delayed', 'waiting', 'prioritized', 'active')).toBe(1);
    await queues.poll.obliterate({ force: true });
    await queues.close();
  });
});
