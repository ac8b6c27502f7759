import { randomUUID } from 'node:crypto';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';
import { ThrowawayRedis } from '../../../test/support/throwaway-redis';
import { runIntent, type IntentContext } from './intent-context';
import { OutboxRelay } from './outbox-relay';

const logger = createLogger({ level: 'silent' });

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('OutboxRelay (real PostgreSQL and Redis)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  afterAll(() => redis.quit());

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
  });
  afterEach(async () => {
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
    await queues.close();
    await db.drop();
  });

  const relayOn = (q: JobgateQueues, options: { graceMs?: number; sweepEveryMs?: number } = {}) => new OutboxRelay({ store, queues: q, logger, ...options });
  const ctxOf = (relay: OutboxRelay, q: JobgateQueues = queues): IntentContext => ({ store, queues: q, relay, logger });
  const outbox = async () => (await db.pool.query<{ kind: string; ref: string }>(`SELECT kind, ref FROM ${db.t.outbox} ORDER BY id`)).rows;
  /** Rows written as a committed intent writes them, whose publish never happened (the process died). */
  const leftBehind = async (entries: { kind: string; ref: string; requestId?: string }[]) => {
    await db.pool.query(`INSERT INTO ${db.t.outbox} (kind, ref, request_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      entries.map((e) => e.kind),
      entries.map((e) => e.ref),
      entries.map((e) => e.requestId ?? null),
    ]);
  };
  const jobIds = async (q: JobgateQueues, which: 'submit' | 'cancel' | 'webhook') =>
    (await q[which].getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id!).sort();

  it('publishes what a committed intent wrote right after its commit, and keeps nothing in the table', async () => {
    const relay = relayOn(queues);
    const jobId = randomUUID();
    await runIntent(ctxOf(relay), async (it) => {
      it.follow({ kind: 'submit', ref: jobId, requestId: 'req-1' });
      it.follow({ kind: 'stop', ref: jobId, requestId: 'req-1' });
      it.follow({ kind: 'webhook', ref: 'msg_abc', requestId: 'req-1' });
    });
    expect(await outbox()).toEqual([]);
    expect((await queues.submit.getJob(jobId))?.data).toEqual({ jobId, requestId: 'req-1' });
    const stops = await queues.cancel.getJobs(['waiting']);
    expect(stops.map((s) => s.data)).toEqual([{ jobId, requestId: 'req-1' }]);
    expect((await queues.webhook.getJob('msg_abc'))?.data).toEqual({ eventId: 'msg_abc', requestId: 'req-1' });
  });

  it('publishes nothing for an intent that rolled back', async () => {
    const relay = relayOn(queues, { graceMs: 0 });
    const jobId = randomUUID();
    await expect(
      runIntent(ctxOf(relay), async (it) => {
        it.follow({ kind: 'submit', ref: jobId });
        throw new Error('the change was refused');
      }),
    ).rejects.toThrow('the change was refused');
    expect(await outbox()).toEqual([]);
    expect(await relay.sweep()).toBe(0);
    expect(await queues.submit.getJob(jobId)).toBeUndefined();
  });

  it('sweeps entries a crash left behind once they are older than the grace period, each kind to its queue', async () => {
    const relay = relayOn(queues, { graceMs: 300 });
    const jobId = randomUUID();
    await leftBehind([
      { kind: 'submit', ref: jobId, requestId: 'req-2' },
      { kind: 'stop', ref: jobId },
      { kind: 'webhook', ref: 'msg_left', requestId: 'req-2' },
    ]);
    expect(await relay.sweep()).toBe(0); // too young: their writer may still be publishing them
    expect(await outbox()).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 350));
    expect(await relay.sweep()).toBe(3);
    expect(await outbox()).toEqual([]);
    expect((await queues.submit.getJob(jobId))?.data).toEqual({ jobId, requestId: 'req-2' });
    expect((await queues.cancel.getJobs(['waiting'])).map((s) => s.data.jobId)).toEqual([jobId]);
    expect((await queues.webhook.getJob('msg_left'))?.data).toEqual({ eventId: 'msg_left', requestId: 'req-2' });
    expect(await relay.sweep()).toBe(0);
  });

  it('shares a large backlog between relays of several processes, publishing each entry once', async () => {
    const refs = Array.from({ length: 1_200 }, () => randomUUID()); // more than one sweep batch
    await leftBehind(refs.map((ref) => ({ kind: 'submit', ref })));
    await new Promise((r) => setTimeout(r, 60));
    const counts = await Promise.all([relayOn(queues, { graceMs: 50 }).sweep(), relayOn(queues, { graceMs: 50 }).sweep()]);
    expect(counts[0]! + counts[1]!).toBe(1_200);
    expect(await outbox()).toEqual([]);
    expect(await jobIds(queues, 'submit')).toEqual([...refs].sort());
  });

  it('runs the sweep on its own once started', async () => {
    const relay = relayOn(queues, { graceMs: 100, sweepEveryMs: 50 });
    const jobId = randomUUID();
    await leftBehind([{ kind: 'submit', ref: jobId }]);
    relay.start();
    try {
      await waitFor(async () => (await outbox()).length === 0, 'the sweep to publish the entry');
      expect(await queues.submit.getJob(jobId)).toBeDefined();
    } finally {
      await relay.stop();
    }
  });

  it('leaves the entries in the table while Redis is away, and publishes them once it is back', async () => {
    const server = await ThrowawayRedis.reserve();
    await server.start();
    const connection = createRedis({ url: server.url, role: 'worker' });
    const away = new JobgateQueues({ connection, prefix: uniqueName('q') });
    try {
      await connection.ping();
      const relay = relayOn(away, { graceMs: 100 });
      await server.stop();
      await waitFor(() => connection.status !== 'ready', 'the client to notice Redis is gone');
      const jobId = randomUUID();
      // The commit stands; the failed publish is not the caller's error.
      await expect(
        runIntent(ctxOf(relay, away), async (it) => {
          it.follow({ kind: 'submit', ref: jobId });
          return 'committed';
        }),
      ).resolves.toBe('committed');
      expect(await outbox()).toEqual([{ kind: 'submit', ref: jobId }]);
      await new Promise((r) => setTimeout(r, 150));
      await expect(relay.sweep()).rejects.toThrow('Redis is not connected');
      expect(await outbox()).toEqual([{ kind: 'submit', ref: jobId }]);

      await server.start(); // back, and empty (no persistence)
      await waitFor(() => connection.status === 'ready', 'the client to reconnect');
      expect(await relay.sweep()).toBe(1);
      expect(await outbox()).toEqual([]);
      expect(await away.submit.getJob(jobId)).toBeDefined();
    } finally {
      await away.close().catch(() => undefined);
      connection.disconnect();
      await server.stop();
    }
  });
});
