import { createRedis } from './connections';
import { TickLock } from './tick-lock';
import { testServices, uniqueName } from '../../../test/support/services';

describe('TickLock (Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  it('two runners with a tick far longer than the lock ttl never run at once, and both get turns', async () => {
    const key = uniqueName('lock');
    const runners = ['a', 'b'].map((name) => ({ name, lock: new TickLock({ redis, key, ttlMs: 90 }) }));
    let running = 0;
    let overlap = 0;
    const ran: string[] = [];
    const deadline = Date.now() + 2_000;
    await Promise.all(
      runners.map(async ({ name, lock }) => {
        while (Date.now() < deadline) {
          await lock.run(async () => {
            running++;
            overlap = Math.max(overlap, running);
            ran.push(name);
            await new Promise((r) => setTimeout(r, 300)); // renewed three times over
            running--;
          });
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
        }
      }),
    );
    expect(overlap).toBe(1);
    expect(new Set(ran)).toEqual(new Set(['a', 'b']));
    expect(ran.length).toBeGreaterThanOrEqual(4);
  });

  it('a holder whose process died (connection gone) blocks others for ttlMs only', async () => {
    const key = uniqueName('lock');
    const own = createRedis({ url: testServices().redisUrl, role: 'worker' });
    const dying = new TickLock({ redis: own, key, ttlMs: 300 });
    let release!: () => void;
    const stuck = dying.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await new Promise((r) => setTimeout(r, 50));
    own.disconnect(); // no renewal, no release from here on
    const other = new TickLock({ redis, key, ttlMs: 300 });
    expect(await other.run(async () => 'x')).toEqual({ ran: false });
    await new Promise((r) => setTimeout(r, 350));
    expect(await other.run(async () => 'x')).toEqual({ ran: true, value: 'x' });
    release();
    await stuck;
  });

  it('never releases a lock another holder took after its own lapsed', async () => {
    const key = uniqueName('lock');
    const slow = new TickLock({ redis, key, ttlMs: 100 });
    const run = slow.run(async () => {
      await redis.set(key, 'someone-else', 'PX', 10_000); // as if ours had lapsed and another took it
      await new Promise((r) => setTimeout(r, 50));
    });
    await run;
    expect(await redis.get(key)).toBe('someone-else');
    await redis.del(key);
  });
});
