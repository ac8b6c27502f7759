import type { TrainingJobBody } from '@jobgate/contracts';
import { createLogger } from '@jobgate/logging';
import {
  ModelArtsError,
  ThrottledError,
  type CreatedJob,
  type CreateVersionBody,
  type JobSummary,
  type VersionDetail,
  type VersionList,
} from '@jobgate/modelarts';
import { createRedis, JobgateQueues, SlidingWindowLimiter } from '@jobgate/queues';
import { ConflictError } from '@jobgate/errors';
import { quoteIdent, Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';
import { Lifecycle } from './lifecycle';
import type { SubmitClient, SubmitGate, SubmitSettings } from './submit.system';
import type { Caller } from './caller';

const OPERATOR: Caller = { kind: 'operator', keyId: 'test-operator' };

/** A create call that answers only when the test says so (a slow ModelArts, a worker that lost its lock). */
class Held {
  resolve!: (job: CreatedJob) => void;
  reject!: (err: Error) => void;
  readonly promise = new Promise<CreatedJob>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

/** A ModelArts whose create answers are scripted, one per call, and whose name lookup answers `found` (or throws `lookupError`). */
class ScriptedModelArts implements SubmitClient {
  creates = 0;
  found: JobSummary | null = null;
  lookupError: Error | null = null;
  readonly lookups: { name: string; options?: { workspaceId?: string } }[] = [];
  constructor(private readonly answers: Array<CreatedJob | Error | Held>) {}

  async createTrainingJob(): Promise<CreatedJob> {
    return this.next();
  }

  /** Create-version calls, in order; each takes the next scripted answer too. */
  readonly versionCalls: { jobId: string; body: CreateVersionBody }[] = [];
  /** What listVersions answers (or throws). */
  versions: VersionDetail[] = [];
  versionsError: Error | null = null;
  listings = 0;

  async createVersion(jobId: string, body: CreateVersionBody): Promise<CreatedJob> {
    this.versionCalls.push({ jobId, body });
    return this.next();
  }

  async listVersions(jobId: string): Promise<VersionList> {
    this.listings++;
    if (this.versionsError) throw this.versionsError;
    return { jobId, jobName: 'x', versionCount: this.versions.length, versions: this.versions };
  }

  private async next(): Promise<CreatedJob> {
    const answer = this.answers[this.creates++];
    if (!answer) throw new Error('no scripted answer left');
    if (answer instanceof Error) throw answer;
    if (answer instanceof Held) return answer.promise;
    return answer;
  }

  async findJobByName(name: string, options?: { workspaceId?: string }): Promise<JobSummary | null> {
    this.lookups.push({ name, options });
    if (this.lookupError) throw this.lookupError;
    return this.found;
  }

  readonly stops: [string, string][] = [];
  async stopVersion(jobId: string, versionId: string): Promise<void> {
    this.stops.push([jobId, versionId]);
  }
}

const created = (jobId = '501'): CreatedJob => ({
  jobId,
  jobName: 'x',
  versionId: '601',
  versionName: 'V0001',
  resourceId: 'jobabc',
  status: 1,
  createTime: Date.now(),
});
const summary = (jobId: string, createTime = Date.now()): JobSummary => ({
  jobId,
  jobName: 'x',
  versionId: String(Number(jobId) + 1),
  status: 1,
  createTime,
  duration: null,
  jobDesc: null,
  versionCount: 1,
});
const version = (versionId: string, preVersionId: string, createTime = Date.now()): VersionDetail => ({
  jobId: '501',
  jobName: 'x',
  jobDesc: null,
  versionId,
  versionName: `V000${Number(versionId) - 600}`,
  preVersionId,
  status: 1,
  createTime,
  startTime: null,
  duration: null,
  resourceId: null,
  raw: {},
});
/** The connection dropped after the request was sent: no HTTP answer, so the call may still land. */
const lost = () =>
  new ModelArtsError({ httpStatus: null, errorCode: 'network.ECONNRESET', errorMessage: 'socket hang up', retryable: true, outcomeUnknown: true });
/** A 5xx or a timeout: ModelArts may have created the job. */
const transient = (status = 503) =>
  new ModelArtsError({ httpStatus: status, errorCode: 'APIG.0202', errorMessage: 'backend unavailable', retryable: true, outcomeUnknown: true });
/** Connection refused: the request provably never arrived. */
const refused = () =>
  new ModelArtsError({
    httpStatus: null,
    errorCode: 'jobgate.connection_refused',
    errorMessage: 'connect ECONNREFUSED',
    retryable: true,
    outcomeUnknown: false,
  });
const throttled = (retryAfterMs = 150) => new ThrottledError({ httpStatus: 429, errorCode: 'APIG.0308', errorMessage: 'throttled', retryAfterMs });
const nameTaken = (code = 'ModelArts.0103') =>
  new ModelArtsError({ httpStatus: 400, errorCode: code, errorMessage: 'Job name:x is existed', retryable: false, outcomeUnknown: false });
const invalid = () =>
  new ModelArtsError({ httpStatus: 400, errorCode: 'ModelArts.0102', errorMessage: 'invalid spec_id', retryable: false, outcomeUnknown: false });

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SubmitSystem decisions (real PostgreSQL and Redis, scripted ModelArts)', () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
  let pauses: number[];
  afterAll(() => redis.quit());

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store, queues, logger: createLogger({ level: 'silent' }) });
    pauses = [];
  });
  afterEach(async () => {
    await lifecycle.close();
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
    await queues.close();
    await db.drop();
  });

  /** A real rate gate in Redis that also remembers the pauses asked of it. */
  function gate(): SubmitGate {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 });
    return {
      acquire: () => limiter.acquire(),
      pauseFor: async (ms) => {
        pauses.push(ms);
        await limiter.pauseFor(ms);
      },
    };
  }

  /** A job accepted and, unless `admit: false`, admitted by the dispatcher (`submitting`, its submit entry published). */
  async function setup(client: ScriptedModelArts, settings: Partial<SubmitSettings> = {}, job: { workspace?: string; admit?: boolean } = {}) {
    const trainingJob = {
      ...sampleJob(uniqueName('job').replace(/_/g, '-')),
      ...(job.workspace ? { workspace_id: job.workspace } : {}),
    } as unknown as TrainingJobBody;
    const accepted = await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob, webhookUrl: 'https://hooks.example.com/jobs' });
    if (job.admit !== false) expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
    const system = lifecycle.submitSystem({ client, gate: gate(), settings: { maxAttempts: 3, random: () => 0.5, ...settings } });
    const id = accepted.job.id;
    return {
      id,
      name: trainingJob.job_name,
      process: () => system.process(id),
      read: () => store.jobs.get(id),
      outcomes: async () => (await store.submissions.attempts(id)).map((a) => a.outcome),
      hooks: async () =>
        (await db.pool.query<{ id: string; type: string }>(`SELECT id, type FROM ${db.t.webhook_events} WHERE job_id = $1 ORDER BY seq`, [id])).rows,
    };
  }

  const outboxRows = async () => (await db.pool.query(`SELECT kind, ref FROM ${db.t.outbox}`)).rows;

  it('retries transient errors with a recorded delay, then records the created job with its job.submitted event', async () => {
    const client = new ScriptedModelArts([transient(), transient(502), created()]);
    const job = await setup(client, { maxAttempts: 5 });
    expect(await job.process()).toEqual({ kind: 'retry', delayMs: 500, reason: 'backend unavailable' }); // full jitter: 0.5 × 1 s
    expect(await job.read()).toMatchObject({ status: 'submitting', error: { code: 'APIG.0202', retryable: true } });
    expect(await job.process()).toEqual({ kind: 'retry', delayMs: 1000, reason: 'backend unavailable' }); // 0.5 × 2 s
    expect(await job.process()).toEqual({ kind: 'done', outcome: 'created' });
    expect(await job.read()).toMatchObject({ status: 'submitted', attempts: 3, modelarts: { job_id: '501', version_id: '601' }, error: null });
    expect(await job.outcomes()).toEqual(['unknown', 'unknown', 'created']);
    expect((await store.submissions.attempts(job.id)).map((a) => a.delay_ms)).toEqual([500, 1000, null]);
    const hooks = await job.hooks();
    expect(hooks.map((h) => h.type)).toEqual(['job.submitted']);
    expect(await queues.webhook.getJob(hooks[0]!.id)).toBeDefined();
    expect(await outboxRows()).toEqual([]);
  });

  it('fails the job, keeping the last error, when transient failures that never reached ModelArts use up SUBMIT_MAX_ATTEMPTS', async () => {
    const client = new ScriptedModelArts([refused(), refused(), refused()]);
    const job = await setup(client, { maxAttempts: 3 });
    expect(await job.process()).toMatchObject({ kind: 'retry' });
    expect(await job.process()).toMatchObject({ kind: 'retry' });
    expect(await job.process()).toMatchObject({ kind: 'failed', reason: expect.stringContaining('jobgate.connection_refused') });
    expect(await job.read()).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'jobgate.connection_refused', retryable: true } });
    expect(client.lookups).toEqual([]); // nothing can have been created: no need to look
    expect(await job.outcomes()).toEqual(['transient', 'transient', 'transient']);
  });

  it('looks the job up before giving up after unanswered attempts, and fails it when ModelArts has none of ours', async () => {
    const client = new ScriptedModelArts([transient(), transient(), transient()]);
    client.found = summary('1', Date.now() - 3_600_000); // same name, but older than our first attempt
    const job = await setup(client, { maxAttempts: 3 });
    await job.process();
    await job.process();
    expect(await job.process()).toMatchObject({ kind: 'failed' });
    expect(client.lookups).toHaveLength(1);
    expect(await job.read()).toMatchObject({ status: 'failed', attempts: 3, modelarts: null, error: { code: 'APIG.0202', retryable: true } });
    expect((await job.read())!.error!.message).toContain('gave up after 3 attempts');
  });

  it('pauses every worker on a 429 without spending the retry budget, and caps started attempts', async () => {
    const client = new ScriptedModelArts([throttled(), throttled(), throttled(), throttled()]);
    const job = await setup(client, { maxAttempts: 1, maxStartedAttempts: 3 });
    for (let i = 0; i < 3; i++) expect(await job.process()).toEqual({ kind: 'throttled', pauseMs: 150 });
    expect(pauses).toEqual([150, 150, 150]);
    expect((await job.read())?.status).toBe('submitting'); // three throttles, maxAttempts 1: still alive
    expect(await job.process()).toMatchObject({ kind: 'failed', reason: expect.stringContaining('jobgate.too_many_attempts') });
    expect(client.creates).toBe(3);
    expect(await job.read()).toMatchObject({ status: 'failed', error: { code: 'jobgate.too_many_attempts' } });
    expect(await job.outcomes()).toEqual(['throttled', 'throttled', 'throttled']);
  });

  it.each(['ModelArts.0103', 'ModelArts.2751'])('fails at once on %s when no earlier attempt could have created the job', async (code) => {
    const client = new ScriptedModelArts([nameTaken(code)]);
    client.found = summary('9');
    const job = await setup(client);
    expect(await job.process()).toMatchObject({ kind: 'failed', reason: expect.stringContaining(code) });
    expect(client.lookups).toEqual([]);
    expect(await job.read()).toMatchObject({ status: 'failed', error: { code, retryable: false } });
    expect((await job.read())!.error!.message).toContain('not created by this request');
  });

  it.each(['ModelArts.0103', 'ModelArts.2751'])(
    'on %s adopts the job an unanswered attempt created, when ModelArts created it after our first attempt',
    async (code) => {
      const client = new ScriptedModelArts([transient(), nameTaken(code)]);
      const job = await setup(client);
      expect(await job.process()).toMatchObject({ kind: 'retry' });
      client.found = summary('777');
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'adopted' });
      expect(await job.read()).toMatchObject({ status: 'submitted', modelarts: { job_id: '777', version_id: '778' }, error: null });
      expect(await job.outcomes()).toEqual(['unknown', 'adopted']);
      expect(client.lookups).toEqual([{ name: job.name, options: {} }]);
      expect((await job.hooks()).map((h) => h.type)).toEqual(['job.submitted']);
    },
  );

  it('refuses to adopt a same-named job created before our first attempt', async () => {
    const client = new ScriptedModelArts([transient(), nameTaken()]);
    const job = await setup(client);
    await job.process();
    client.found = summary('1', Date.now() - 3_600_000);
    expect(await job.process()).toMatchObject({ kind: 'failed' });
    expect(await job.read()).toMatchObject({ status: 'failed', modelarts: null, error: { code: 'ModelArts.0103' } });
    expect((await job.read())!.error!.message).toContain("before this job's first attempt");
  });

  it('skips a job canceled while it waited, without calling ModelArts', async () => {
    const client = new ScriptedModelArts([created()]);
    const job = await setup(client, {}, { admit: false });
    expect(await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR })).toMatchObject({ outcome: 'canceled' });
    expect(await job.process()).toEqual({ kind: 'done', outcome: 'skipped:canceled' });
    expect(client.creates).toBe(0);
  });

  it('calls ModelArts only for admitted jobs: beyond MAX_ACTIVE_JOBS a job stays queued, out of the submit queue, until a slot frees', async () => {
    const client = new ScriptedModelArts([invalid(), created('502')]);
    const dispatcher = lifecycle.dispatchSystem({ maxActive: 1, window: 100, policy: 'fair' });
    const first = await setup(client, {}, { admit: false });
    expect(await dispatcher.dispatch()).toBe(1);
    const second = await setup(client, {}, { admit: false });
    expect(await dispatcher.dispatch()).toBe(0); // the one slot is held
    expect(await second.read()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await queues.submit.getJob(first.id)).toBeDefined();
    expect(await queues.submit.getJob(second.id)).toBeUndefined();
    // A submit entry for a job not admitted (say, one left over in Redis) does nothing.
    expect(await second.process()).toEqual({ kind: 'done', outcome: 'skipped:queued' });
    expect(client.creates).toBe(0);
    expect(await second.outcomes()).toEqual([]);
    expect(await first.process()).toMatchObject({ kind: 'failed' }); // ended: its slot is free
    expect(await dispatcher.dispatch()).toBe(1);
    expect(await queues.submit.getJob(second.id)).toBeDefined();
    expect(await second.process()).toEqual({ kind: 'done', outcome: 'created' });
    expect(client.creates).toBe(2);
    expect(await second.read()).toMatchObject({ status: 'submitted', attempts: 1, modelarts: { job_id: '502' } });
  });

  describe('fencing: an outcome of attempt N recorded after attempt N+1 started changes nothing', () => {
    it('a stale failure cannot fail a job that a newer attempt created', async () => {
      const held = new Held();
      const client = new ScriptedModelArts([held, created('502')]);
      const job = await setup(client);
      const stale = job.process(); // attempt 1: its create call hangs (a worker that lost its lock)
      await waitFor(() => client.creates === 1, 'the first create call');
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'created' }); // attempt 2, picked up again
      held.reject(invalid());
      expect(await stale).toEqual({ kind: 'done', outcome: 'stale' });
      expect(await job.read()).toMatchObject({ status: 'submitted', attempts: 2, modelarts: { job_id: '502' }, error: null });
      expect((await job.hooks()).map((h) => h.type)).toEqual(['job.submitted']);
      expect(await job.outcomes()).toEqual(['permanent', 'created']);
    });

    it('a stale success cannot overwrite the job a newer attempt adopted', async () => {
      const held = new Held();
      const client = new ScriptedModelArts([held, nameTaken()]);
      client.found = summary('777');
      const job = await setup(client);
      const stale = job.process();
      await waitFor(() => client.creates === 1, 'the first create call');
      // Attempt 1 has no outcome yet (it may have landed), so the name clash is most likely ours.
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'adopted' });
      held.resolve(created('501'));
      expect(await stale).toEqual({ kind: 'done', outcome: 'stale' });
      expect(await job.read()).toMatchObject({ status: 'submitted', attempts: 2, modelarts: { job_id: '777' } });
      expect((await job.hooks()).map((h) => h.type)).toEqual(['job.submitted']);
    });

    it('a stale transient error is not noted on a job that a newer attempt created', async () => {
      const held = new Held();
      const client = new ScriptedModelArts([held, created('502')]);
      const job = await setup(client, { maxAttempts: 5 });
      const stale = job.process();
      await waitFor(() => client.creates === 1, 'the first create call');
      await job.process();
      held.reject(refused());
      expect(await stale).toMatchObject({ kind: 'retry' }); // the queue job is already done; BullMQ drops it
      expect(await job.read()).toMatchObject({ status: 'submitted', error: null });
    });
  });

  describe('a cancel requested while the job is being submitted', () => {
    it('ends the job canceled without another create call when no earlier attempt can have landed', async () => {
      const client = new ScriptedModelArts([refused(), created()]);
      const job = await setup(client);
      expect(await job.process()).toMatchObject({ kind: 'retry' });
      expect(await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR })).toMatchObject({ outcome: 'flagged', job: { status: 'submitting' } });
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'canceled' });
      expect(client.creates).toBe(1);
      expect(client.lookups).toEqual([]);
      expect(await job.read()).toMatchObject({ status: 'canceled', modelarts: null });
      const hooks = await job.hooks();
      expect(hooks.map((h) => h.type)).toEqual(['job.canceled']);
      expect(await queues.webhook.getJob(hooks[0]!.id)).toBeDefined();
    });

    it('adopts what an unanswered attempt created and stops it (canceling, with a stop entry)', async () => {
      const client = new ScriptedModelArts([transient(), created()]);
      const job = await setup(client);
      expect(await job.process()).toMatchObject({ kind: 'retry' });
      await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR });
      client.found = summary('777');
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'adopted:stopping' });
      expect(client.creates).toBe(1);
      expect(await job.read()).toMatchObject({ status: 'canceling', modelarts: { job_id: '777' } });
      const stops = await queues.cancel.getJobs(['waiting', 'delayed']);
      expect(stops.map((s) => s.data.jobId)).toEqual([job.id]);
      expect(await outboxRows()).toEqual([]); // published right after the commit
      expect((await job.hooks()).map((h) => h.type)).toEqual(['job.submitted']);
    });

    it('ends the job canceled when the lookup shows an unanswered attempt created nothing', async () => {
      const client = new ScriptedModelArts([transient()]);
      const job = await setup(client);
      await job.process();
      await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR });
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'canceled' });
      expect(client.lookups).toHaveLength(1);
      expect(client.creates).toBe(1);
      expect(await job.read()).toMatchObject({ status: 'canceled' });
    });

    it('keeps the job submitting when the lookup cannot be made, and asks again later', async () => {
      const client = new ScriptedModelArts([transient()]);
      const job = await setup(client, { unresolvedRecheckMs: 5_000 });
      await job.process();
      await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR });
      client.lookupError = transient();
      expect(await job.process()).toEqual({ kind: 'retry', delayMs: 5_000, reason: 'create outcome unresolved' });
      expect(client.creates).toBe(1);
      expect(await job.read()).toMatchObject({ status: 'submitting' });
    });
  });

  describe('never giving up blind', () => {
    it('looks the job up by name in its workspace when the last allowed attempt timed out, and adopts it', async () => {
      const client = new ScriptedModelArts([transient(), transient(504)]);
      const job = await setup(client, { maxAttempts: 2 }, { workspace: 'ws-7' });
      expect(await job.process()).toMatchObject({ kind: 'retry' });
      client.found = summary('777');
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'adopted' });
      expect(client.lookups).toEqual([{ name: job.name, options: { workspaceId: 'ws-7' } }]);
      expect(await job.read()).toMatchObject({ status: 'submitted', attempts: 2, modelarts: { job_id: '777' }, error: null });
      expect(await job.outcomes()).toEqual(['unknown', 'unknown']);
    });

    it('keeps the job submitting when the lookup fails, then adopts the job once ModelArts answers', async () => {
      const client = new ScriptedModelArts([transient(), transient(), nameTaken()]);
      const job = await setup(client, { maxAttempts: 2, unresolvedRecheckMs: 5_000 });
      await job.process();
      client.lookupError = transient();
      expect(await job.process()).toEqual({ kind: 'retry', delayMs: 5_000, reason: 'create outcome unresolved' });
      expect(await job.read()).toMatchObject({ status: 'submitting', attempts: 2 });
      // The note is written after the verdict; it says why the job waits.
      await waitFor(async () => (await job.read())!.error?.code === 'jobgate.create_unresolved', 'the unresolved note');
      client.lookupError = null;
      client.found = summary('777');
      expect(await job.process()).toEqual({ kind: 'done', outcome: 'adopted' });
      expect(await job.read()).toMatchObject({ status: 'submitted', attempts: 3, modelarts: { job_id: '777' }, error: null });
      expect(await job.outcomes()).toEqual(['unknown', 'unknown', 'adopted']);
    });
  });

  describe('a failure and its job.failed event', () => {
    it('commit together, and the event is queued for delivery', async () => {
      const client = new ScriptedModelArts([invalid()]);
      const job = await setup(client);
      expect(await job.process()).toEqual({ kind: 'failed', reason: 'ModelArts.0102: invalid spec_id' });
      expect(await job.read()).toMatchObject({ status: 'failed', error: { code: 'ModelArts.0102', retryable: false } });
      const events = await db.pool.query<{ id: string; type: string; payload: string }>(
        `SELECT id, type, payload FROM ${db.t.webhook_events} WHERE job_id = $1`,
        [job.id],
      );
      expect(events.rows.map((e) => e.type)).toEqual(['job.failed']);
      expect(JSON.parse(events.rows[0]!.payload)).toMatchObject({
        type: 'job.failed',
        data: { id: job.id, status: 'failed', error: { code: 'ModelArts.0102' } },
      });
      expect(await queues.webhook.getJob(events.rows[0]!.id)).toBeDefined();
      expect(await outboxRows()).toEqual([]);
    });

    it('roll back together: when the event cannot be stored, the job is not failed either', async () => {
      await db.pool.query(`
        CREATE FUNCTION ${quoteIdent(db.schema)}.refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'webhook_events refused'; END $$;
        CREATE TRIGGER refuse_event BEFORE INSERT ON ${db.t.webhook_events} FOR EACH ROW EXECUTE FUNCTION ${quoteIdent(db.schema)}.refuse_event();`);
      const client = new ScriptedModelArts([invalid()]);
      const job = await setup(client);
      await expect(job.process()).rejects.toThrow('webhook_events refused'); // BullMQ retries it
      expect(await job.read()).toMatchObject({ status: 'submitting', error: null });
      expect(await job.hooks()).toEqual([]);
      expect(await outboxRows()).toEqual([]);
    });
  });
  it('does not trust "not found" while another attempt may still land: the cancel waits instead of ending the job', async () => {
    const held = new Held();
    const client = new ScriptedModelArts([held]);
    const job = await setup(client);
    const first = job.process(); // attempt 1 is on the wire (a worker that lost its lock)
    await waitFor(async () => (await job.outcomes()).length === 1, 'attempt 1 to start');
    await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR });
    // Another worker picks the job up: ModelArts does not know the name yet, but attempt 1 is young.
    const second = await job.process();
    expect(second).toMatchObject({ kind: 'retry', reason: 'create outcome unresolved' });
    expect((await job.read())!.status).toBe('submitting');
    held.resolve(created('777'));
    expect(await first).toEqual({ kind: 'done', outcome: 'created:stopping' });
    expect((await job.read())!).toMatchObject({ status: 'canceling', modelarts: { job_id: '777' } });
    expect(client.stops).toEqual([]);
  });

  it('stops the ModelArts job of a create that landed after the record had moved on', async () => {
    const held = new Held();
    const client = new ScriptedModelArts([held]);
    const job = await setup(client, { callTimeoutMs: 0 });
    const first = job.process();
    await waitFor(async () => (await job.outcomes()).length === 1, 'attempt 1 to start');
    await new Promise((r) => setTimeout(r, 5_100)); // attempt 1 now counts as over (timeout 0 + 5 s slack)
    await lifecycle.cancels.cancelJob(job.id, { caller: OPERATOR });
    expect(await job.process()).toEqual({ kind: 'done', outcome: 'canceled' });
    held.resolve(created('888'));
    expect(await first).toEqual({ kind: 'done', outcome: 'stale' });
    expect(client.stops).toEqual([['888', '601']]);
  });

  describe("a rerun: a new version of the job's ModelArts job, with the same gate, retries and exactly-once rules", () => {
    const dispatcher = () => lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' });

    /** A job created in ModelArts as job 501, version 601, and a rerun of it with a changed parameter, accepted (`queued`) and admitted. */
    async function setupRerun(client: ScriptedModelArts, settings: Partial<SubmitSettings> = {}) {
      const original = await setup(new ScriptedModelArts([created('501')]));
      expect(await original.process()).toEqual({ kind: 'done', outcome: 'created' });
      const source = (await original.read())!;
      const trainingJob = { ...source.training_job, config: { ...source.training_job.config, parameter: [{ label: 'learning_rate', value: '0.02' }] } };
      const accepted = await lifecycle.intake.acceptRerun({ caller: OPERATOR, source, trainingJob, requestId: 'req-rerun' });
      expect(accepted.job).toMatchObject({ status: 'queued', rerun_of: source.id, modelarts: { job_id: '501', version_id: null, pre_version_id: '601' } });
      expect(await dispatcher().dispatch()).toBe(1);
      const system = lifecycle.submitSystem({ client, gate: gate(), settings: { maxAttempts: 3, random: () => 0.5, ...settings } });
      const id = accepted.job.id;
      return {
        id,
        source,
        process: () => system.process(id),
        read: () => store.jobs.get(id),
        outcomes: async () => (await store.submissions.attempts(id)).map((a) => a.outcome),
        hooks: async () =>
          (await db.pool.query<{ type: string }>(`SELECT type FROM ${db.t.webhook_events} WHERE job_id = $1 ORDER BY seq`, [id])).rows.map((r) => r.type),
        /** Makes every attempt so far old enough that it can no longer land. */
        age: () => db.pool.query(`UPDATE ${db.t.job_attempts} SET started_at = now() - interval '10 minutes' WHERE job_id = $1`, [id]),
      };
    }

    it("sends create-version for the ModelArts job, derived from the rerun job's version, and records V0002 with its job.submitted event", async () => {
      const client = new ScriptedModelArts([{ ...created('501'), versionId: '602', versionName: 'V0002', resourceId: null }]);
      const rerun = await setupRerun(client);
      expect(await rerun.read()).toMatchObject({
        status: 'submitting',
        rerun_of: rerun.source.id,
        modelarts: { job_id: '501', version_id: null, pre_version_id: '601' },
      });
      expect(await rerun.process()).toEqual({ kind: 'done', outcome: 'created' });
      expect(client.versionCalls).toEqual([
        {
          jobId: '501',
          body: { config: { ...rerun.source.training_job.config, parameter: [{ label: 'learning_rate', value: '0.02' }], pre_version_id: 601 } },
        },
      ]);
      expect(await rerun.read()).toMatchObject({
        status: 'submitted',
        job_name: rerun.source.job_name,
        rerun_of: rerun.source.id,
        modelarts: { job_id: '501', version_id: '602', version_name: 'V0002', pre_version_id: '601' },
      });
      expect(await rerun.hooks()).toEqual(['job.submitted']);
      expect((await lifecycle.reads.jobVersions(rerun.source.id, OPERATOR)).map((v) => v.version_name)).toEqual(['V0001', 'V0002']);
    });

    it('after a create-version whose answer was lost, adopts the version it made instead of sending another', async () => {
      const client = new ScriptedModelArts([lost()]);
      const rerun = await setupRerun(client);
      expect(await rerun.process()).toMatchObject({ kind: 'retry', reason: 'socket hang up' });
      client.versions = [version('602', '601'), version('601', null as unknown as string, Date.now() - 60_000)];
      expect(await rerun.process()).toEqual({ kind: 'done', outcome: 'adopted' });
      expect(client.versionCalls).toHaveLength(1);
      expect(await rerun.read()).toMatchObject({ status: 'submitted', modelarts: { job_id: '501', version_id: '602', version_name: 'V0002' }, error: null });
      expect(await rerun.hooks()).toEqual(['job.submitted']);
    });

    it('does not trust "no such version" while the lost call may still land: it waits out the client timeout, then sends again', async () => {
      const client = new ScriptedModelArts([lost(), { ...created('501'), versionId: '602' }]);
      const rerun = await setupRerun(client);
      await rerun.process();
      const waiting = await rerun.process();
      expect(waiting).toMatchObject({ kind: 'retry', reason: 'create outcome unresolved' });
      expect((waiting as { delayMs: number }).delayMs).toBeGreaterThan(30_000); // the client's 30 s timeout + 5 s slack since the attempt
      expect(client.versionCalls).toHaveLength(1);
      await rerun.age();
      expect(await rerun.process()).toEqual({ kind: 'done', outcome: 'created' });
      expect(client.versionCalls).toHaveLength(2);
      expect(client.listings).toBe(2);
    });

    it('after a 5xx answer finds no new version and sends create-version again', async () => {
      const client = new ScriptedModelArts([transient(), { ...created('501'), versionId: '602' }]);
      const rerun = await setupRerun(client);
      expect(await rerun.process()).toMatchObject({ kind: 'retry' });
      // Versions derived from another one, or made before our first attempt, are not ours.
      client.versions = [version('603', '599'), version('604', '601', Date.now() - 3_600_000)];
      expect(await rerun.process()).toEqual({ kind: 'done', outcome: 'created' });
      expect(client.listings).toBe(1);
      expect(client.versionCalls).toHaveLength(2);
      expect(await rerun.outcomes()).toEqual(['unknown', 'created']);
    });

    it('keeps the rerun submitting while the versions cannot be listed', async () => {
      const client = new ScriptedModelArts([transient()]);
      const rerun = await setupRerun(client, { unresolvedRecheckMs: 5_000 });
      await rerun.process();
      client.versionsError = transient();
      expect(await rerun.process()).toEqual({ kind: 'retry', delayMs: 5_000, reason: 'create outcome unresolved' });
      expect(client.versionCalls).toHaveLength(1);
      expect((await rerun.read())!.status).toBe('submitting');
    });

    it("fails with ModelArts' own code when it refuses the version", async () => {
      const client = new ScriptedModelArts([
        new ModelArtsError({ httpStatus: 400, errorCode: 'ModelArts.2781', errorMessage: 'FlavorNotFound', retryable: false, outcomeUnknown: false }),
      ]);
      const rerun = await setupRerun(client);
      expect(await rerun.process()).toMatchObject({ kind: 'failed', reason: expect.stringContaining('ModelArts.2781') });
      expect(await rerun.read()).toMatchObject({ status: 'failed', error: { code: 'ModelArts.2781' } });
      expect(await rerun.hooks()).toEqual(['job.failed']);
    });

    it('creates one version of a ModelArts job at a time: a second rerun is admitted once the first is decided', async () => {
      const held = new Held();
      const client = new ScriptedModelArts([held, { ...created('501'), versionId: '603' }]);
      const first = await setupRerun(client);
      const second = await lifecycle.intake.acceptRerun({ caller: OPERATOR, source: first.source, trainingJob: first.source.training_job });
      const system = lifecycle.submitSystem({ client, gate: gate(), settings: { maxAttempts: 3, random: () => 0.5 } });
      const inFlight = first.process();
      await waitFor(() => client.versionCalls.length === 1, 'the first create-version call');
      expect(await dispatcher().dispatch()).toBe(0); // capacity is free, but a version of job 501 is being created
      expect(await system.process(second.job.id)).toEqual({ kind: 'done', outcome: 'skipped:queued' });
      held.resolve({ ...created('501'), versionId: '602' });
      expect(await inFlight).toEqual({ kind: 'done', outcome: 'created' });
      expect(await dispatcher().dispatch()).toBe(1);
      expect(await system.process(second.job.id)).toEqual({ kind: 'done', outcome: 'created' });
      expect(client.versionCalls.map((c) => c.body.config.pre_version_id)).toEqual([601, 601]);
      expect((await lifecycle.reads.jobVersions(first.source.id, OPERATOR)).map((v) => v.version_id)).toEqual(['601', '602', '603']);
    });

    it('refuses to rerun a job that has no ModelArts version yet', async () => {
      const queued = await setup(new ScriptedModelArts([]));
      const source = (await queued.read())!;
      await expect(lifecycle.intake.acceptRerun({ caller: OPERATOR, source, trainingJob: source.training_job })).rejects.toBeInstanceOf(ConflictError);
    });
  });
});
