import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Lifecycle, type JobSnapshot } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { quoteIdent, Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';
import { newSweepInput } from '../../../test/support/sweeps';
import { PollBackoff, redisBackoffStore } from './poll-backoff';
import { pollTick } from './poll-tick';
import { FakeModelArts } from './testing/fake-modelarts';
import type { Caller } from '@jobgate/lifecycle';

const OPERATOR: Caller = { kind: 'operator', keyId: 'test-operator' };

const T0 = Date.now() - 60_000;

/** Inserts `n` jobs as the worker leaves them after the create call, in one statement. */
async function insertSubmitted(
  db: FreshDatabase,
  n: number,
  opts: { webhookUrl?: string; firstJobId?: number; workspace?: string } = {},
): Promise<{ id: string; jobId: string }[]> {
  const first = opts.firstJobId ?? 10_000;
  const rows = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), jobId: String(first + i), createTime: T0 + i }));
  const trainingJob = JSON.stringify({ job_name: 'x', config: {}, ...(opts.workspace ? { workspace_id: opts.workspace } : {}) });
  await db.pool.query(
    `INSERT INTO ${db.t.jobs} (id, status, job_name, training_job, webhook_url, modelarts_job_id, modelarts_version_id, modelarts_status, modelarts_create_time, submitted_at)
     SELECT id, 'submitted', 'job-' || mid, $4::jsonb, $5, mid, (mid::bigint + 100000)::text, 1, to_timestamp(ct / 1000.0), now()
     FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS t(id, mid, ct)`,
    [rows.map((r) => r.id), rows.map((r) => r.jobId), rows.map((r) => r.createTime), trainingJob, opts.webhookUrl ?? null],
  );
  return rows;
}

describe('pollTick (real PostgreSQL and Redis, fake ModelArts)', () => {
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
  let fake: FakeModelArts;
  let transitions: JobSnapshot[];
  let tick: ReturnType<typeof pollTick>;
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  const logger = createLogger({ level: 'silent' });
  const tickOf = (lc: Lifecycle) =>
    pollTick({
      statuses: lc.statuses,
      sweeps: lc.sweeps,
      account: lc.account,
      client: fake,
      backoff: new PollBackoff(redisBackoffStore(redis, uniqueName('backoff')), { intervalMs: 500 }),
      logger,
      pendingTimeoutMs: 3_600_000,
    });

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    fake = new FakeModelArts();
    transitions = [];
    lifecycle = new Lifecycle({ store, queues, logger, observe: (_before, after) => void transitions.push(after) });
    tick = tickOf(lifecycle);
  });
  afterEach(async () => {
    await lifecycle.close();
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
    await queues.close();
    await db.drop();
  });

  const addToFake = (rows: { jobId: string }[], status: number) =>
    rows.forEach((r, i) => fake.add({ jobId: r.jobId, versionId: String(Number(r.jobId) + 100_000), status, createTime: T0 + i }));
  /** Webhook deliveries the outbox relay put in the queue (job id = event id). */
  const queuedWebhooks = async () => (await queues.webhook.getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id!).sort();
  const outboxRows = async () => (await db.pool.query(`SELECT kind, ref FROM ${db.t.outbox}`)).rows;

  it('maps statuses, logs each change as an event and announces it as a webhook, in lifecycle order', async () => {
    const [job] = await insertSubmitted(db, 1, { webhookUrl: 'https://hooks.example.com/x' });
    addToFake([job!], 8);
    expect(await tick()).toMatchObject({ active: 1, calls: 1, changed: 1 });
    fake.jobs.get(job!.jobId)!.status = 10;
    await tick();
    const record = await store.jobs.get(job!.id);
    expect(record).toMatchObject({ status: 'succeeded', modelarts: { status: 10, status_name: 'JOBSTAT_COMPLETED' } });
    expect(record!.started_at).not.toBeNull();
    expect(record!.finished_at).not.toBeNull();
    const events = await db.pool.query(`SELECT from_status, to_status, modelarts_status FROM ${db.t.job_events} WHERE job_id = $1 ORDER BY id`, [job!.id]);
    expect(events.rows).toEqual([
      { from_status: 'submitted', to_status: 'running', modelarts_status: 8 },
      { from_status: 'running', to_status: 'succeeded', modelarts_status: 10 },
    ]);
    // job.submitted is recorded (missing until now, as the worker was never run) before job.running.
    const hooks = await db.pool.query(`SELECT id, type, payload FROM ${db.t.webhook_events} ORDER BY seq`);
    expect(hooks.rows.map((r) => r.type)).toEqual(['job.submitted', 'job.running', 'job.succeeded']);
    expect(await queuedWebhooks()).toEqual(hooks.rows.map((r) => r.id).sort());
    expect(await outboxRows()).toEqual([]);
    expect(JSON.parse(hooks.rows[2].payload)).toMatchObject({ type: 'job.succeeded', data: { id: job!.id, status: 'succeeded' } });
    expect(transitions.map((t) => t.status)).toEqual(['running', 'succeeded']);
  });

  it('follows 2,500 active jobs with ceil(N/1000)+1 calls, reading missing ones by detail and failing lost ones', async () => {
    const rows = await insertSubmitted(db, 2_500);
    addToFake(rows, 8);
    // Newer jobs that are not ours sit in front of ours in the list.
    for (let i = 0; i < 300; i++) fake.add({ jobId: String(90_000 + i), versionId: '1', status: 10, createTime: T0 + 10_000 + i });
    fake.jobs.get(rows[5]!.jobId)!.deleted = true;
    const result = await tick();
    expect(result).toMatchObject({ active: 2_500, changed: 2_500 });
    expect(result.calls).toBeLessThanOrEqual(Math.ceil(2_500 / 1000) + 1);
    expect(fake.calls.filter((c) => c.op === 'detail')).toEqual([{ op: 'detail', jobId: rows[5]!.jobId }]);
    const counts = await db.pool.query(`SELECT status, count(*)::int AS n FROM ${db.t.jobs} GROUP BY status ORDER BY status`);
    expect(counts.rows).toEqual([
      { status: 'failed', n: 1 },
      { status: 'running', n: 2_499 },
    ]);
    const lost = await store.jobs.get(rows[5]!.id);
    expect(lost!.error).toMatchObject({ code: 'jobgate.lost_in_modelarts' });
    fake.calls.length = 0;
    expect(await tick()).toMatchObject({ changed: 0 });
    expect(fake.calls.length).toBeLessThanOrEqual(4);
  });

  it('follows each version of a rerun job: the list shows the latest version, older ones are read by detail', async () => {
    const [original] = await insertSubmitted(db, 1);
    // A rerun of it: the same ModelArts job, version 2 (as the worker leaves it after create-version).
    const rerunId = randomUUID();
    await db.pool.query(
      `INSERT INTO ${db.t.jobs} (id, status, job_name, training_job, rerun_of, modelarts_job_id, modelarts_version_id, modelarts_pre_version_id, modelarts_status, modelarts_create_time, submitted_at)
       SELECT $1, 'submitted', job_name, training_job, id, modelarts_job_id, 'v2', modelarts_version_id, 1, now(), now() FROM ${db.t.jobs} WHERE id = $2`,
      [rerunId, original!.id],
    );
    fake.add({ jobId: original!.jobId, versionId: 'v2', status: 8, createTime: T0, olderVersions: { [String(Number(original!.jobId) + 100_000)]: 11 } });
    expect(await tick()).toMatchObject({ active: 2, calls: 2, changed: 2 });
    expect(fake.calls).toEqual([
      { op: 'list', page: 1 },
      { op: 'detail', jobId: original!.jobId },
    ]);
    expect((await store.jobs.get(original!.id))!).toMatchObject({ status: 'failed', modelarts: { status: 11 } });
    expect((await store.jobs.get(rerunId))!).toMatchObject({ status: 'running', modelarts: { version_id: 'v2', status: 8 } });
  });

  it('shares the account quota the list call reported', async () => {
    const rows = await insertSubmitted(db, 1);
    addToFake(rows, 8);
    fake.quota = { quotas: 4, jobCountLimit: 3 };
    const observed: unknown[] = [];
    await pollTick({
      statuses: lifecycle.statuses,
      sweeps: lifecycle.sweeps,
      client: fake,
      logger,
      pendingTimeoutMs: 3_600_000,
      backoff: new PollBackoff(redisBackoffStore(redis, uniqueName('backoff')), { intervalMs: 500 }),
      account: { observeQuota: async (q) => void observed.push(q) },
    })();
    expect(observed).toEqual([{ quotas: 4, jobCountLimit: 3 }]);
    await tickOf(lifecycle)();
    expect(await queues.readAccountQuota()).toMatchObject({ quotas: 4, jobCountLimit: 3 });
  });

  it('backs off after a throttled poll, honouring Retry-After, and changes nothing meanwhile', async () => {
    const rows = await insertSubmitted(db, 3);
    addToFake(rows, 8);
    fake.throttle = { next: 1, retryAfterMs: 1_500 };
    const pauses: number[] = [];
    const throttledTick = pollTick({
      statuses: lifecycle.statuses,
      sweeps: lifecycle.sweeps,
      client: fake,
      logger,
      pendingTimeoutMs: 3_600_000,
      backoff: new PollBackoff(redisBackoffStore(redis, uniqueName('backoff')), { intervalMs: 500 }),
      readGate: { pauseFor: async (ms) => void pauses.push(ms) },
    });
    expect(await throttledTick()).toMatchObject({ calls: 0, changed: 0 });
    // On-demand reads (logs) wait out the poll's back-off, so the poll gets the first calls after it.
    expect(pauses).toEqual([1_500]);
    expect(await throttledTick()).toMatchObject({ skipped: 'backoff' });
    expect(fake.calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await throttledTick()).toMatchObject({ changed: 3 });
  });

  it('never overwrites a change made after the rows were read (a cancel racing the tick)', async () => {
    const [job] = await insertSubmitted(db, 1);
    addToFake([job!], 8);
    const stale = (await lifecycle.statuses.activeJobs())[0]!;
    expect(await lifecycle.cancels.cancelJob(job!.id, { caller: OPERATOR })).toMatchObject({ outcome: 'stopping' });
    expect(await lifecycle.statuses.applyStatuses([stale], new Map([[stale.id, { kind: 'status', code: 8 }]]), { pendingTimeoutMs: 3_600_000 })).toBe(0);
    expect((await store.jobs.get(job!.id))!.status).toBe('canceling');
    // The next tick reads the fresh row: running in ModelArts, but canceling in jobgate until 12/13.
    expect(await tick()).toMatchObject({ changed: 1 });
    expect((await store.jobs.get(job!.id))!.status).toBe('canceling');
    fake.jobs.get(job!.jobId)!.status = 12;
    await tick();
    expect((await store.jobs.get(job!.id))!.status).toBe('canceled');
  });

  it('applies 1,200 changes a page per transaction, with their events, webhooks and outbox entries, skipping a job moved meanwhile', async () => {
    const rows = await insertSubmitted(db, 1_200, { webhookUrl: 'https://hooks.example.com/x' });
    const snapshots = await lifecycle.statuses.activeJobs();
    // A cancel lands between the poller's read and its write: that job must be left alone.
    await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'canceling' WHERE id = $1`, [rows[700]!.id]);
    const observations = new Map(snapshots.map((s) => [s.id, { kind: 'status' as const, code: 8 }]));
    expect(await lifecycle.statuses.applyStatuses(snapshots, observations, { pendingTimeoutMs: 3_600_000 })).toBe(1_199);
    const statuses = await db.pool.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM ${db.t.jobs} GROUP BY status ORDER BY status`);
    expect(statuses.rows).toEqual([
      { status: 'canceling', n: '1' },
      { status: 'running', n: '1199' },
    ]);
    const events = await db.pool.query<{ from_status: string; to_status: string; modelarts_status: number; n: string }>(
      `SELECT from_status, to_status, modelarts_status, count(*) AS n FROM ${db.t.job_events} GROUP BY 1, 2, 3`,
    );
    expect(events.rows).toEqual([{ from_status: 'submitted', to_status: 'running', modelarts_status: 8, n: '1199' }]);
    // Per job: job.submitted (the status being left, not yet announced) before job.running.
    const hooks = await db.pool.query<{ job_id: string; types: string[] }>(
      `SELECT job_id, array_agg(type ORDER BY seq) AS types FROM ${db.t.webhook_events} GROUP BY job_id`,
    );
    expect(hooks.rows).toHaveLength(1_199);
    expect(new Set(hooks.rows.map((r) => r.types.join(',')))).toEqual(new Set(['job.submitted,job.running']));
    expect(hooks.rows.map((r) => r.job_id)).not.toContain(rows[700]!.id);
    expect(await queuedWebhooks()).toHaveLength(2 * 1_199);
    expect(await outboxRows()).toEqual([]);
    expect(transitions).toHaveLength(1_199);
  });

  it('polls jobs of another workspace with a list call of that workspace', async () => {
    const rows = await insertSubmitted(db, 2, { workspace: 'ws-1' });
    rows.forEach((r, i) => fake.add({ jobId: r.jobId, versionId: String(Number(r.jobId) + 100_000), status: 8, createTime: T0 + i, workspaceId: 'ws-1' }));
    expect(await tick()).toMatchObject({ calls: 1, changed: 2 });
    expect(fake.calls).toEqual([{ op: 'list', page: 1 }]);
  });

  it('announces the changes it committed even when another row fails (a lost database connection)', async () => {
    const rows = await insertSubmitted(db, 3, { webhookUrl: 'https://hooks.example.com/x' });
    addToFake(rows, 8);
    // A real database error on one row's update, as a dropped connection would raise mid-tick.
    await db.pool.query(`
      CREATE FUNCTION ${quoteIdent(db.schema)}.break_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${rows[1]!.id}' THEN RAISE EXCEPTION 'Connection terminated unexpectedly'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER break_one BEFORE UPDATE ON ${db.t.jobs} FOR EACH ROW EXECUTE FUNCTION ${quoteIdent(db.schema)}.break_one();`);
    await expect(tick()).rejects.toThrow('Connection terminated unexpectedly');
    const hooks = await db.pool.query(`SELECT id, job_id FROM ${db.t.webhook_events} ORDER BY seq`);
    expect(hooks.rows).toHaveLength(4); // job.submitted and job.running of the two jobs that changed
    expect(hooks.rows.map((r) => r.job_id)).not.toContain(rows[1]!.id);
    expect(await queuedWebhooks()).toEqual(hooks.rows.map((r) => r.id).sort());
    expect(await outboxRows()).toEqual([]);
    expect((await store.jobs.get(rows[1]!.id))!.status).toBe('submitted');
  });

  it('releases the next sweep trial into the slot an ended trial freed, and finishes the sweep once all have ended', async () => {
    const input = newSweepInput({ values: 2, extra: { max_parallel: 1 } });
    await lifecycle.intake.acceptSweep({ ...input, caller: OPERATOR });
    const trials = async () => (await store.sweeps.trials(input.id, { limit: 1000 }))!.items;
    const dispatch = () => lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch();
    // A trial as the worker leaves it after its create call: admitted by the dispatcher first.
    const submit = async (id: string, jobId: string) => {
      const { rowCount } = await db.pool.query(
        `UPDATE ${db.t.jobs} SET status = 'submitted', modelarts_job_id = $2, modelarts_version_id = $3, modelarts_status = 1, modelarts_create_time = now(), submitted_at = now()
         WHERE id = $1 AND status = 'submitting'`,
        [id, jobId, String(Number(jobId) + 100_000)],
      );
      expect(rowCount).toBe(1);
      fake.add({ jobId, versionId: String(Number(jobId) + 100_000), status: 10, createTime: Date.now() });
    };
    const [first, second] = await trials();
    expect([first!.status, second!.status]).toEqual(['queued', 'pending']);
    expect(await dispatch()).toBe(1); // only the released trial
    await submit(first!.id, '20000');
    expect(await tick()).toMatchObject({ changed: 1, sweeps: { released: 1, finished: 0 } });
    expect((await trials()).map((t) => t.status)).toEqual(['succeeded', 'queued']);
    expect(await queues.submit.getJob(second!.id)).toBeUndefined(); // released: it waits for the dispatcher
    expect(await dispatch()).toBe(1);
    expect(await queues.submit.getJob(second!.id)).toBeDefined(); // admitted: its submit entry was published
    await submit(second!.id, '20001');
    expect(await tick()).toMatchObject({ changed: 1, sweeps: { released: 0, finished: 1 } });
    expect((await store.sweeps.get(input.id))!.status).toBe('succeeded');
    expect(await outboxRows()).toEqual([]);
  });
});
