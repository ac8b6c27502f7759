import { createRedis } from './connections';
import { SlidingWindowLimiter } from './sliding-window-limiter';
import { testServices, uniqueName } from '../../../test/support/services';

describe('SlidingWindowLimiter (Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  it('admits at most max calls in any window, across several limiter instances', async () => {
    const keyPrefix = uniqueName('lim');
    const limiters = [1, 2, 3].map(() => new SlidingWindowLimiter({ redis, keyPrefix, max: 5, windowMs: 300 }));
    const times: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const permit = await limiters[i % 3]!.acquire();
        times.push(Date.now() - started);
        await permit.done();
      }),
    );
    times.sort((a, b) => a - b);
    // Any 6 consecutive admissions span more than one window.
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(295);
  });

  it('keeps a call in the window until windowMs after it was answered, not after it was admitted', async () => {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('lim'), max: 1, windowMs: 300 });
    const first = await limiter.acquire();
    await new Promise((r) => setTimeout(r, 400)); // a slow call: still in flight after a whole window
    expect(await limiter.tryAcquire()).toBeGreaterThan(0);
    await first.done();
    const answeredAt = Date.now();
    await (await limiter.acquire()).done();
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(290);
  });

  it('holds the place of a call in flight far longer than inFlightTtlMs, until it is answered', async () => {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('lim'), max: 1, windowMs: 100, inFlightTtlMs: 200 });
    const slow = await limiter.acquire();
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 100)); // the call is still in flight after 4 × inFlightTtlMs
      expect(await limiter.tryAcquire()).toBeGreaterThan(0);
    }
    await slow.done();
    const answeredAt = Date.now();
    await (await limiter.acquire()).done();
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(90);
  });

  it('gives back the place of a call whose caller died (its connection gone), after inFlightTtlMs', async () => {
    const keyPrefix = uniqueName('lim');
    const own = createRedis({ url: testServices().redisUrl, role: 'worker' });
    const dead = new SlidingWindowLimiter({ redis: own, keyPrefix, max: 1, windowMs: 100, inFlightTtlMs: 200 });
    const orphan = await dead.acquire();
    own.disconnect(); // the caller "crashed": nothing of it reaches Redis any more
    const started = Date.now();
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix, max: 1, windowMs: 100, inFlightTtlMs: 200 });
    await (await limiter.acquire()).done();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await orphan.done().catch(() => undefined);
  });

  it('pauseFor holds every caller back for the given time', async () => {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('lim'), max: 100 });
    await limiter.pauseFor(400);
    const wait = await limiter.tryAcquire();
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThanOrEqual(400);
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
