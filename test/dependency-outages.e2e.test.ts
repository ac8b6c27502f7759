import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { ThrowawayRedis } from './support/throwaway-redis';

/** Redis away at start-up and at run time: the api retries and logs, and /readyz follows Redis. */
describe('Redis outages, api process', () => {
  let redis: ThrowawayRedis;
  const stack = new Stack({ roles: {} });
  beforeAll(async () => {
    redis = await ThrowawayRedis.reserve();
    await stack.startSimulator();
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  const readyz = async () => {
    const res = await fetch(`${stack.apiUrl}/readyz`);
    return { status: res.status, body: await res.json() };
  };

  it('starts while Redis is down, not ready and saying why, reconnecting with backoff, and is ready once Redis comes up', async () => {
    const api = await stack.startRole('api', { REDIS_URL: redis.url });
    const waiting = await readyz();
    expect(waiting).toMatchObject({ status: 503, body: { code: 'not_ready', checks: { redis: { ok: false }, postgres: { ok: true } } } });
    await new Promise((r) => setTimeout(r, 2_000));
    const log = readFileSync(
      join(
        'test-output',
        stack.name,
        readdirSync(join('test-output', stack.name)).find((f) => f.startsWith('api-'))!,
      ),
      'utf8',
    );
    const attempts = log
      .split('\n')
      .filter((line) => line.includes('"msg":"Redis connection error"'))
      .map((line) => Date.parse(JSON.parse(line).time));
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThan(attempts[1]! - attempts[0]!);

    await redis.start();
    await eventually(async () => (await readyz()).status === 200, { what: '/readyz to answer 200', timeoutMs: 15_000 });
    expect((await readyz()).body).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgres: { ok: true } } });
    expect((await stack.api('/v1/jobs', { body: { training_job: sampleJob('first') } })).status).toBe(202);
    expect(api.child.exitCode).toBeNull();
  });

  it('answers /readyz 503 naming Redis while Redis is down, and 200 again once it is back, without restarting', async () => {
    await redis.stop();
    const down = await eventually(
      async () => {
        const r = await readyz();
        return r.status === 503 ? r : null;
      },
      { what: '/readyz to answer 503', timeoutMs: 10_000 },
    );
    expect(down.body).toMatchObject({ status: 503, code: 'not_ready', checks: { redis: { ok: false }, postgres: { ok: true } } });
    expect(down.body.detail).toMatch(/^not ready: redis \(/);
    expect((await stack.api('/v1/jobs', { body: { training_job: sampleJob('while-down') } })).status).toBe(503);
    expect((await fetch(`${stack.apiUrl}/healthz`)).status).toBe(200);

    await redis.start();
    await eventually(async () => (await readyz()).status === 200, { what: '/readyz to answer 200 again', timeoutMs: 15_000 });
    expect((await stack.api('/v1/jobs', { body: { training_job: sampleJob('after-outage') } })).status).toBe(202);
    expect(stack.processes[0]!.child.exitCode).toBeNull();
  });
});
