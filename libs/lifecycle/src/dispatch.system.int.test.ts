import type { TrainingJobBody } from '@jobgate/contracts';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';
import type { Caller } from './caller';
import { Lifecycle } from './lifecycle';

const OPERATOR: Caller = { kind: 'operator', keyId: 'test-operator' };
const job = (name: string): TrainingJobBody => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('DispatchSystem (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  afterAll(() => redis.quit());

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store, queues, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await lifecycle.close();
    for (const queue of queues.all()) await queue.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });

  const accept = async (name: string) => (await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob: job(name), requestId: `req-${name}` })).job.id;
  const inSubmitQueue = async () => (await queues.submit.getJobs(['waiting'])).map((j) => j.data).sort((x, y) => x.jobId.localeCompare(y.jobId));
  const outboxLeft = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n;
  const status = async (id: string) => (await store.jobs.get(id))!.status;

  it('admits what the free capacity allows and publishes exactly those submit entries, with their request ids', async () => {
    const ids = [await accept('d0'), await accept('d1'), await accept('d2')];
    expect(await inSubmitQueue()).toEqual([]);
    const dispatcher = lifecycle.dispatchSystem({ maxActive: 2, window: 10, policy: 'fair' });
    expect(await dispatcher.dispatch()).toBe(2);
    const queued = await inSubmitQueue();
    expect(queued).toHaveLength(2);
    for (const entry of queued) {
      expect(await status(entry.jobId)).toBe('submitting');
      expect(entry.requestId).toBe(`req-d${ids.indexOf(entry.jobId)}`);
    }
    expect(await outboxLeft()).toBe(0); // published right after the commit
    expect(await dispatcher.dispatch()).toBe(0); // full
    const [left] = ids.filter((id) => !queued.some((q) => q.jobId === id));
    expect(await status(left!)).toBe('queued');
    expect(await queues.submit.getJob(left!)).toBeUndefined();
  });

  it('answers 0 without a pass when nothing waits', async () => {
    const dispatcher = lifecycle.dispatchSystem({ maxActive: 10, window: 10, policy: 'fair' });
    expect(await dispatcher.dispatch()).toBe(0);
    expect(await inSubmitQueue()).toEqual([]);
  });

  it('keeps an admission and its submit entry together: when Redis is away the entry waits in the outbox for the relay', async () => {
    const id = await accept('offline');
    const deadRedis = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const deadQueues = new JobgateQueues({ connection: deadRedis, prefix: uniqueName('q') });
    const offline = new Lifecycle({ store, queues: deadQueues, logger: createLogger({ level: 'silent' }) });
    try {
      expect(await offline.dispatchSystem({ maxActive: 10, window: 10, policy: 'fair' }).dispatch()).toBe(1);
    } finally {
      await offline.close();
      await deadQueues.close().catch(() => undefined);
      deadRedis.disconnect();
    }
    expect(await status(id)).toBe('submitting');
    expect((await db.pool.query(`SELECT kind, ref, request_id FROM ${db.t.outbox}`)).rows).toEqual([{ kind: 'submit', ref: id, request_id: 'req-offline' }]);
    await db.pool.query(`UPDATE ${db.t.outbox} SET created_at = now() - interval '1 minute'`);
    expect(await lifecycle.relay.sweep()).toBe(1);
    expect(await inSubmitQueue()).toEqual([{ jobId: id, requestId: 'req-offline' }]);
  });

  it("applies the account's quota when it is below MAX_ACTIVE_JOBS", async () => {
    const ids = [await accept('q0'), await accept('q1'), await accept('q2')];
    await queues.writeAccountQuota({ quotas: 1, jobCountLimit: null, observedAtMs: Date.now() });
    const dispatcher = lifecycle.dispatchSystem({ maxActive: 10, window: 10, policy: 'fair' });
    expect(await dispatcher.dispatch()).toBe(1);
    expect(await dispatcher.dispatch()).toBe(0);
    expect((await Promise.all(ids.map(status))).sort()).toEqual(['queued', 'queued', 'submitting']);
  });

  it('runs on its interval once started, a kick admits work that arrives later, and stop ends the passes', async () => {
    const dispatcher = lifecycle.dispatchSystem({ maxActive: 10, window: 10, policy: 'fair', intervalMs: 50 });
    dispatcher.start();
    try {
      const first = await accept('late-0');
      await waitFor(async () => (await status(first)) === 'submitting', 'the first job admitted');
      const more = [await accept('late-1'), await accept('late-2')];
      dispatcher.kick();
      dispatcher.kick(); // kicks never overlap passes in one process
      await waitFor(async () => (await Promise.all(more.map(status))).every((s) => s === 'submitting'), 'the later jobs admitted');
    } finally {
      await dispatcher.stop();
    }
    const after = await accept('after-stop');
    await new Promise((r) => setTimeout(r, 200));
    expect(await status(after)).toBe('queued'); // stopped: no more passes
    expect(await inSubmitQueue()).toHaveLength(3);
  });

  it('reconciliation restores the submit entries of admitted jobs that Redis lost, and never queues waiting ones', async () => {
    const admitted = await accept('kept');
    expect(await lifecycle.dispatchSystem({ maxActive: 1, window: 1, policy: 'fair' }).dispatch()).toBe(1);
    const waiting = await accept('waits');
    await queues.submit.obliterate({ force: true }); // Redis came back empty
    expect((await lifecycle.reconcile.run()).submits).toBe(1);
    expect(await inSubmitQueue()).toEqual([{ jobId: admitted, requestId: 'req-kept' }]);
    expect(await status(waiting)).toBe('queued');
  });
});
