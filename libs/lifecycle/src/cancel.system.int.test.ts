import type { TrainingJobBody } from '@jobgate/contracts';
import { ConflictError, NotFoundError } from '@jobgate/errors';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';
import { Lifecycle } from './lifecycle';
import { OutboxRelay } from './outbox-relay';
import type { SubmitClient } from './submit.system';
import type { Caller } from './caller';

const OPERATOR: Caller = { kind: 'operator', keyId: 'test-operator' };

const job = (name: string): TrainingJobBody => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });
const settings = { maxAttempts: 3 };
const openGate = { acquire: async () => ({ done: () => undefined }), pauseFor: async () => undefined };

/** These tests create jobs, never versions. */
const noVersions: Pick<SubmitClient, 'createVersion' | 'listVersions'> = {
  createVersion: async () => {
    throw new Error('no version expected');
  },
  listVersions: async (jobId) => ({ jobId, jobName: 'x', versionCount: 0, versions: [] }),
};

describe('CancelSystem (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema, defaultWebhookUrl: 'https://default.example/hook' });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store, queues, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await lifecycle.close();
    for (const queue of queues.all()) await queue.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  const accept = async (name: string) => (await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob: job(name), requestId: `req-${name}` })).job;
  const dispatch = () => lifecycle.dispatchSystem({ maxActive: 10, window: 10, policy: 'fair' }).dispatch();
  /** Accepted and admitted by the dispatcher: `submitting`, its submit entry in the queue. */
  const admitted = async (name: string) => {
    const j = await accept(name);
    expect(await dispatch()).toBe(1);
    return j;
  };
  const stopsQueued = async () => (await queues.cancel.getJobs(['waiting'])).map((j) => j.data.jobId);
  const outboxLeft = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n;

  it('ends a waiting job at once: canceled, never admitted or queued for submission, job.canceled queued for delivery; refuses it once ended', async () => {
    const queued = await accept('q');
    expect(await queues.submit.getJob(queued.id)).toBeUndefined(); // it waits in PostgreSQL for the dispatcher
    const { outcome, job: canceled } = await lifecycle.cancels.cancelJob(queued.id, { caller: OPERATOR, reason: 'user' });
    expect(outcome).toBe('canceled');
    expect(canceled).toMatchObject({ id: queued.id, status: 'canceled' });
    expect(await dispatch()).toBe(0); // nothing left to admit
    expect(await queues.submit.getJob(queued.id)).toBeUndefined();
    const [event] = await store.events.listForJob(queued.id);
    expect(event).toMatchObject({ type: 'job.canceled', url: 'https://default.example/hook', status: 'pending' });
    expect((await queues.webhook.getJob(event!.id))?.data).toEqual({ eventId: event!.id, requestId: 'req-q' });
    expect(await outboxLeft()).toBe(0); // published right after the commit
    await expect(lifecycle.cancels.cancelJob(queued.id, { caller: OPERATOR })).rejects.toBeInstanceOf(ConflictError);
    await expect(lifecycle.cancels.cancelJob('00000000-0000-4000-8000-000000000000', { caller: OPERATOR })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('flags a job whose create is in flight; the recorded outcome honours it with a stop; a repeat re-arms the stop', async () => {
    const j = await admitted('s');
    let flagged: Awaited<ReturnType<Lifecycle['cancels']['cancelJob']>> | null = null;
    // The cancel arrives while the create call is out: the job is `submitting`.
    const client: SubmitClient = {
      createTrainingJob: async (body) => {
        flagged = await lifecycle.cancels.cancelJob(j.id, { caller: OPERATOR, reason: 'user', requestId: 'req-cancel' });
        return { jobId: 'ma-1', jobName: body.job_name, versionId: 'v-1', versionName: 'V0001', resourceId: null, status: 1, createTime: Date.now() };
      },
      findJobByName: async () => null,
      stopVersion: async () => undefined,
      ...noVersions,
    };
    const verdict = await lifecycle.submitSystem({ client, gate: openGate, settings }).process(j.id, 'req-s');
    expect(flagged).toMatchObject({ outcome: 'flagged', job: { status: 'submitting' } });
    expect(verdict).toEqual({ kind: 'done', outcome: 'created:stopping' });
    const after = (await store.jobs.getSnapshot(j.id))!;
    expect(after).toMatchObject({ status: 'canceling', cancelRequestedAt: expect.any(Date), modelarts: { jobId: 'ma-1', versionId: 'v-1' } });
    expect(await stopsQueued()).toEqual([j.id]);
    // job.submitted was announced with the create; canceling announces nothing.
    expect((await store.events.listForJob(j.id)).map((e) => e.type)).toEqual(['job.submitted']);

    const again = await lifecycle.cancels.cancelJob(j.id, { caller: OPERATOR });
    expect(again).toMatchObject({ outcome: 'stopping', job: { status: 'canceling' } });
    expect(await stopsQueued()).toEqual([j.id, j.id]); // a new stop request, not a duplicate of the first
    expect(await outboxLeft()).toBe(0);
  });

  it('moves a running job to canceling with one stop request, and reconciliation sends it again', async () => {
    const j = await admitted('r');
    const client: SubmitClient = {
      createTrainingJob: async (body) => ({
        jobId: 'ma-2',
        jobName: body.job_name,
        versionId: 'v-2',
        versionName: null,
        resourceId: null,
        status: 1,
        createTime: Date.now(),
      }),
      findJobByName: async () => null,
      stopVersion: async () => undefined,
      ...noVersions,
    };
    expect(await lifecycle.submitSystem({ client, gate: openGate, settings }).process(j.id)).toEqual({ kind: 'done', outcome: 'created' });
    await lifecycle.statuses.applyStatuses([(await store.jobs.getSnapshot(j.id))!], new Map([[j.id, { kind: 'status', code: 8 }]]), {
      pendingTimeoutMs: 60_000,
    });
    expect((await store.jobs.get(j.id))!.status).toBe('running');
    const { outcome, job: stopping } = await lifecycle.cancels.cancelJob(j.id, { caller: OPERATOR, requestId: 'req-cancel' });
    expect(outcome).toBe('stopping');
    expect(stopping.status).toBe('canceling');
    const [stop] = await queues.cancel.getJobs(['waiting']);
    expect(stop?.data).toEqual({ jobId: j.id, requestId: 'req-cancel' });
    expect(await store.cancels.awaitingStop()).toEqual([{ jobId: j.id, requestId: 'req-r' }]);
    expect((await lifecycle.reconcile.run()).stops).toBe(1);
    expect(await stopsQueued()).toEqual([j.id, j.id]);
  });

  it('keeps a stop request in the outbox when Redis is away after the commit; the relay sweep publishes it later', async () => {
    const j = await admitted('p');
    const client: SubmitClient = {
      createTrainingJob: async (body) => ({
        jobId: 'ma-3',
        jobName: body.job_name,
        versionId: 'v-3',
        versionName: null,
        resourceId: null,
        status: 1,
        createTime: Date.now(),
      }),
      findJobByName: async () => null,
      stopVersion: async () => undefined,
      ...noVersions,
    };
    await lifecycle.submitSystem({ client, gate: openGate, settings }).process(j.id);
    const deadRedis = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const deadQueues = new JobgateQueues({ connection: deadRedis, prefix: uniqueName('q') });
    const offline = new Lifecycle({ store, queues: deadQueues, logger: createLogger({ level: 'silent' }) });
    try {
      // The cancel stands (it is in PostgreSQL); only its stop call waits.
      expect(await offline.cancels.cancelJob(j.id, { caller: OPERATOR, requestId: 'req-offline' })).toMatchObject({
        outcome: 'stopping',
        job: { status: 'canceling' },
      });
      expect((await db.pool.query(`SELECT kind, ref, request_id FROM ${db.t.outbox}`)).rows).toEqual([{ kind: 'stop', ref: j.id, request_id: 'req-offline' }]);
    } finally {
      await offline.close();
      await deadQueues.close().catch(() => undefined);
      deadRedis.disconnect();
    }
    expect(await stopsQueued()).toEqual([]);
    const relay = new OutboxRelay({ store, queues, logger: createLogger({ level: 'silent' }), graceMs: 0 });
    expect(await relay.sweep()).toBe(1);
    expect((await queues.cancel.getJobs(['waiting'])).map((q) => q.data)).toEqual([{ jobId: j.id, requestId: 'req-offline' }]);
    expect(await outboxLeft()).toBe(0);
  });
});
