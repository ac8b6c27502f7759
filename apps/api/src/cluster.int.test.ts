import request from 'supertest';
import type { Cluster } from 'ioredis';
import { createLogger } from '@jobgate/logging';
import { createRedis, redisKeys } from '@jobgate/queues';
import { buildApp } from './app';
import { keyRateLimit } from './rate-limit';
import { RedisAuthFailureLimit } from './redis-auth-failure-limit';
import { startRedisCluster, type RunningRedisCluster } from '../../../test/support/redis-cluster';
import { uniqueName } from '../../../test/support/services';

const KEY = 'cluster-rate-key-0123456789';
const logger = createLogger({ level: 'silent' });
const as = (key: string) => ({ Authorization: `Bearer ${key}` });

// Ports 7110-7112: three masters (this helper's range; bus ports +10000).
describe('the api on a Redis Cluster', () => {
  let cluster: RunningRedisCluster;
  let redis: Cluster;
  let other: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ basePort: 7110 });
    const nodes = cluster.nodes.split(',').map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) }));
    // Two replicas, two connections; each must first learn the slot map.
    [redis, other] = [0, 1].map(() => createRedis({ url: '', cluster: { nodes }, role: 'producer' }) as Cluster);
    await Promise.all([redis, other].map((r) => new Promise((resolve) => (r.status === 'ready' ? resolve(undefined) : r.once('ready', resolve)))));
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    other?.disconnect();
    await cluster?.stop();
  });

  it('API_RATE_LIMIT holds across replicas, its script loaded wherever the key lives', async () => {
    const prefix = `{${uniqueName('rl')}}`;
    const [one, two] = [redis, other].map((connection) =>
      buildApp({
        auth: { apiKeys: [KEY], disabled: false },
        lifecycle: {} as never,
        logger,
        rateLimit: keyRateLimit({ redis: connection, prefix: redisKeys.apiRateLimit(prefix), perMinute: 3, logger }),
      }),
    );
    // A flushed script cache (a restarted or failed-over node) is reloaded on the node that answers NOSCRIPT.
    await Promise.all(redis.nodes('master').map((node) => node.script('FLUSH')));
    const statuses: number[] = [];
    for (const app of [one, two, one, two]) statuses.push((await request(app!).get('/v1/nothing').set(as(KEY))).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('failed authentications are counted together across replicas', async () => {
    const prefix = `{${uniqueName('af')}}`;
    const replicas = [redis, other].map((connection) =>
      buildApp({
        auth: { apiKeys: [KEY], disabled: false },
        lifecycle: { teams: { authenticate: async () => null }, reporting: { authenticateReporter: async () => null } } as never,
        logger,
        authFailureLimit: new RedisAuthFailureLimit({ redis: connection, prefix: redisKeys.authFailures(prefix), logger }),
      }),
    );
    for (let i = 0; i < 20; i++)
      expect(
        (
          await request(replicas[i % 2]!)
            .get('/v1/jobs')
            .set(as('wrong-key-0123456789'))
        ).status,
      ).toBe(401);
    expect((await request(replicas[1]!).get('/v1/jobs').set(as('wrong-key-0123456789'))).status).toBe(429);
  });
});
