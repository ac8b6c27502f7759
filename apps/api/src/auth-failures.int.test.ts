import request from 'supertest';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { createRedis, JobgateQueues, type RedisClient } from '@jobgate/queues';
import { createPool } from '@jobgate/store';
import { buildApp } from './app';
import { operationsDeps } from './operations';
import { testServices, uniqueName } from '../../../test/support/services';

const KEY = 'auth-fail-key-0123456789';
const logger = createLogger({ level: 'silent' });

/** An api replica as start-api composes it; the failed-auth path never reaches PostgreSQL or the lifecycle. */
export function replica(redis: RedisClient, queuePrefix: string) {
  const loaded = loadConfig({ API_KEYS: KEY, QUEUE_PREFIX: queuePrefix, API_RATE_LIMIT: '0' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const pool = createPool({ url: testServices().databaseUrl });
  const queues = new JobgateQueues({ connection: redis, prefix: queuePrefix });
  const { close, ...operated } = operationsDeps({ config: loaded.config, pool, redis, queues, metrics: new JobgateMetrics({ defaultMetrics: false }), logger });
  const lifecycle = { teams: { authenticate: async () => null }, reporting: { authenticateReporter: async () => null } };
  const app = buildApp({ auth: { apiKeys: [KEY], disabled: false }, lifecycle: lifecycle as never, logger, ...operated });
  return {
    app,
    async close() {
      await close();
      await queues.close();
      await pool.end();
    },
  };
}

describe('failed authentications per address, across api replicas (real Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  beforeAll(() => new Promise((resolve) => (redis.status === 'ready' ? resolve(undefined) : redis.once('ready', resolve))));
  afterAll(() => redis.quit());

  it('counts the failures of both replicas together: the 21st in a minute is 429, on either replica', async () => {
    const prefix = uniqueName('af');
    const replicas = [replica(redis, prefix), replica(redis, prefix)];
    try {
      for (let i = 0; i < 20; i++) {
        const res = await request(replicas[i % 2]!.app)
          .get('/v1/jobs')
          .set('Authorization', i % 3 ? 'Bearer wrong-key-0123456789' : '');
        expect(res.status).toBe(401);
      }
      for (const { app } of replicas) {
        const refused = await request(app).get('/v1/jobs').set('Authorization', 'Bearer wrong-key-0123456789');
        expect(refused.status).toBe(429);
        expect(refused.body).toMatchObject({ code: 'too_many_failed_authentications' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
      // A valid key still gets in from the same address: the limit only stops guessing.
      expect((await request(replicas[0]!.app).get('/v1/nothing').set('Authorization', `Bearer ${KEY}`)).status).toBe(404);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});
