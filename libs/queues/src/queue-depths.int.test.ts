import { createRedis } from './connections';
import { JobgateQueues } from './queues';
import { queueDepths } from './queue-depths';
import { checkRedis } from './redis-ready';
import { testServices, uniqueName } from '../../../test/support/services';

describe('queueDepths and checkRedis (real Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  afterAll(() => redis.quit());

  it('counts each queue by state', async () => {
    const queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    try {
      await queues.enqueueSubmitBulk([{ jobId: 'a' }, { jobId: 'b' }]);
      await queues.webhook.add('webhooks.deliver', { eventId: 'e' }, { delay: 60_000 });
      expect(await queueDepths(queues)).toEqual({
        submit: { waiting: 2, active: 0, delayed: 0, failed: 0 },
        cancel: { waiting: 0, active: 0, delayed: 0, failed: 0 },
        webhook: { waiting: 0, active: 0, delayed: 1, failed: 0 },
      });
    } finally {
      await Promise.all([queues.submit.obliterate({ force: true }), queues.webhook.obliterate({ force: true })]);
      await queues.close();
    }
  });

  it('fails fast, without waiting for a reconnect, when Redis is away', async () => {
    // A worker connection would hold a PING until Redis came back; the check must not.
    const deadWorker = createRedis({ url: 'redis://127.0.0.1:1', role: 'worker' });
    await expect(checkRedis(redis)).resolves.toBeUndefined();
    await expect(checkRedis(deadWorker)).rejects.toThrow(/Redis is not connected/);
    deadWorker.disconnect();
    const deadProducer = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const queues = new JobgateQueues({ connection: deadProducer, prefix: uniqueName('q') });
    await expect(queueDepths(queues)).rejects.toThrow(/Redis is not connected/);
    await queues.close().catch(() => undefined);
    deadProducer.disconnect();
  });
});
