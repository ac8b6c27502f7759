import request from 'supertest';
import { createLogger } from '@jobgate/logging';
import { createRedis, redisKeys } from '@jobgate/queues';
import { buildApp } from './app';
import { keyRateLimit } from './rate-limit';
import { testServices, uniqueName } from '../../../test/support/services';

const KEYS = ['rate-key-a-0123456789', 'rate-key-b-0123456789'];
const logger = createLogger({ level: 'silent' });
const as = (key: string) => ({ Authorization: `Bearer ${key}` });

/**
 * An api replica with the limit, its counters where start-api puts them (under QUEUE_PREFIX `prefix`);
 * GET /v1/nothing is a 404 after auth and the limit, never reaching the lifecycle.
 */
function replica(redis: ReturnType<typeof createRedis>, prefix: string, perMinute: number) {
  return buildApp({
    auth: { apiKeys: KEYS, disabled: false },
    lifecycle: {} as never,
    logger,
    rateLimit: keyRateLimit({ redis, prefix: redisKeys.apiRateLimit(prefix), perMinute, logger }),
  });
}

describe('API_RATE_LIMIT per key (real Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  // As in start-api, which builds the app once Redis has answered.
  beforeAll(() => new Promise((resolve) => (redis.status === 'ready' ? resolve(undefined) : redis.once('ready', resolve))));
  afterAll(() => redis.quit());

  it('answers 429 problem+json with Retry-After past the limit, per key, across replicas', async () => {
    const prefix = uniqueName('rl');
    const [one, two] = [replica(redis, prefix, 3), replica(redis, prefix, 3)];
    expect((await request(one).get('/v1/nothing').set(as(KEYS[0]!))).status).toBe(404);
    expect((await request(two).get('/v1/nothing').set(as(KEYS[0]!))).status).toBe(404);
    const third = await request(one).get('/v1/nothing').set(as(KEYS[0]!));
    expect(third.headers.ratelimit).toMatch(/r=0/);
    const refused = await request(two).get('/v1/nothing').set(as(KEYS[0]!));
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited', retry_after_sec: Number(refused.headers['retry-after']) });
    // Another key has its own budget; requests without a valid key never reach the limit.
    expect((await request(one).get('/v1/nothing').set(as(KEYS[1]!))).status).toBe(404);
    expect((await request(one).get('/v1/nothing')).status).toBe(401);
    await redis.del(...(await redis.keys(`${prefix}:ratelimit:*`)));
  });

  it('lets requests through when Redis cannot count, and counts again once it can', async () => {
    const dead = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const app = replica(dead, uniqueName('rl'), 1);
    for (let i = 0; i < 3; i++) expect((await request(app).get('/v1/nothing').set(as(KEYS[0]!))).status).toBe(404);
    dead.disconnect();
    // Built while Redis was away (its script load failed), then Redis is there: the limit applies.
    const late = createRedis({ url: testServices().redisUrl, role: 'producer' });
    const prefix = uniqueName('rl');
    const lateApp = replica(late, prefix, 1);
    await new Promise((r) => late.once('ready', r));
    await late.script('FLUSH');
    expect((await request(lateApp).get('/v1/nothing').set(as(KEYS[0]!))).status).toBe(404);
    expect((await request(lateApp).get('/v1/nothing').set(as(KEYS[0]!))).status).toBe(429);
    await late.del(...(await late.keys(`${prefix}:ratelimit:*`)));
    await late.quit();
  });
});
