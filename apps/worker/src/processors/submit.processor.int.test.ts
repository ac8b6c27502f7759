import { UnrecoverableError, type Job } from 'bullmq';
import { createLogger } from '@jobgate/logging';
import { ModelArtsError, ThrottledError, type CreatedJob, type JobSummary, type ModelArtsClient } from '@jobgate/modelarts';
import { createRedis, SlidingWindowLimiter, type SubmitPayload } from '@jobgate/queues';
import { JobRepository, SubmissionRepository } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { RetryLaterError } from '../retry-later-error';
import { submitProcessor } from './submit.processor';

/** A ModelArts client whose create answers are scripted, one per call; implements what the processor uses. */
class ScriptedModelArts {
  creates = 0;
  found: JobSummary | null = null;
  constructor(private readonly answers: Array<CreatedJob | Error>) {}
  async createTrainingJob(): Promise<CreatedJob> {
    const answer = this.answers[this.creates++];
    if (!answer) throw new Error('no scripted answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  }
  async findJobByName(): Promise<JobSummary | null> {
    return this.found;
  }
}

const created = (jobId = '501'): CreatedJob => ({ jobId, jobName: 'x', versionId: '601', versionName: 'V0001', resourceId: 'jobabc', status: 1, createTime: Date.now() });
const transient = (status = 503) => new ModelArtsError({ httpStatus: status, errorCode: 'APIG.0202', errorMessage: 'backend unavailable', retryable: true, outcomeUnknown: true });
const throttled = () => new ThrottledError({ httpStatus: 429, errorCode: 'APIG.0308', errorMessage: 'throttled', retryAfterMs: 1500 });
const nameTaken = () => new ModelArtsError({ httpStatus: 400, errorCode: 'ModelArts.0103', errorMessage: 'Job name:x is existed', retryable: false, outcomeUnknown: false });

describe('submit processor decisions (real PostgreSQL and Redis, scripted ModelArts)', () => {
  let db: FreshDatabase;
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  const pauses: number[] = [];
  afterAll(() => redis.quit());
  beforeEach(async () => {
    db = await freshDatabase();
    pauses.length = 0;
  });
  afterEach(() => db.drop());

  async function setup(client: ScriptedModelArts, settings: Partial<Parameters<typeof submitProcessor>[0]['settings']> = {}) {
    const { job } = await new JobRepository(db.pool).create({ trainingJob: sampleJob(uniqueName('job').replace(/_/g, '-')) });
    const submissions = new SubmissionRepository(db.pool);
    const run = submitProcessor({
      submissions,
      client: client as unknown as ModelArtsClient,
      limiter: new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 }),
      pauseQueue: async (ms) => void pauses.push(ms),
      logger: createLogger({ level: 'silent' }),
      settings: { maxActiveJobs: 100, maxAttempts: 3, random: () => 0.5, ...settings },
    });
    const attempt = () => run({ data: { jobId: job.id } } as Job<SubmitPayload>);
    return { id: job.id, attempt, submissions, read: () => new JobRepository(db.pool).get(job.id) };
  }

  it('retries transient errors with a recorded delay, then records the created job', async () => {
    const client = new ScriptedModelArts([transient(), transient(502), created()]);
    const { attempt, read, submissions, id } = await setup(client, { maxAttempts: 5 });
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt()).resolves.toEqual({ outcome: 'created' });
    expect(await read()).toMatchObject({ status: 'submitted', attempts: 3, modelarts: { job_id: '501' }, error: null });
    const rows = await submissions.attempts(id);
    expect(rows.map((a) => a.outcome)).toEqual(['unknown', 'unknown', 'created']);
    expect(rows[0]!.delay_ms).toBe(500); // full jitter: 0.5 × 1 s
    expect(rows[1]!.delay_ms).toBe(1000); // 0.5 × 2 s
  });

  it('fails the job, keeping the last error, when transient failures use up SUBMIT_MAX_ATTEMPTS', async () => {
    const client = new ScriptedModelArts([transient(), transient(), transient()]);
    const { attempt, read } = await setup(client, { maxAttempts: 3 });
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await read()).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'APIG.0202', retryable: true } });
  });

  it('pauses the whole queue on a 429 without spending the retry budget, and caps started attempts', async () => {
    const client = new ScriptedModelArts([throttled(), throttled(), throttled(), throttled()]);
    const { attempt, read, submissions, id } = await setup(client, { maxAttempts: 1, maxStartedAttempts: 3 });
    for (let i = 0; i < 3; i++) await expect(attempt()).rejects.toThrow('bullmq:rateLimitExceeded');
    expect(pauses).toEqual([1500, 1500, 1500]);
    expect((await read())?.status).toBe('submitting'); // three throttles, maxAttempts 1: still alive
    await expect(attempt()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(client.creates).toBe(3);
    expect(await read()).toMatchObject({ status: 'failed', error: { code: 'jobgate.too_many_attempts' } });
    expect((await submissions.attempts(id)).map((a) => a.outcome)).toEqual(['throttled', 'throttled', 'throttled']);
  });

  it('fails at once on ModelArts.0103 when no earlier attempt could have created the job', async () => {
    const client = new ScriptedModelArts([nameTaken()]);
    client.found = { jobId: '9', jobName: 'x', versionId: '10', status: 8, createTime: Date.now(), duration: null, jobDesc: null, versionCount: 1 };
    const { attempt, read } = await setup(client);
    await expect(attempt()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await read()).toMatchObject({ status: 'failed', error: { code: 'ModelArts.0103', retryable: false } });
  });

  it('adopts the job an unanswered attempt created, when ModelArts created it after our first attempt', async () => {
    const client = new ScriptedModelArts([transient(), nameTaken()]);
    const { attempt, read, submissions, id } = await setup(client);
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    client.found = { jobId: '777', jobName: 'x', versionId: '778', status: 1, createTime: Date.now(), duration: null, jobDesc: null, versionCount: 1 };
    await expect(attempt()).resolves.toEqual({ outcome: 'adopted' });
    expect(await read()).toMatchObject({ status: 'submitted', modelarts: { job_id: '777', version_id: '778' } });
    expect((await submissions.attempts(id)).map((a) => a.outcome)).toEqual(['unknown', 'adopted']);
  });

  it('refuses to adopt a same-named job created before our first attempt', async () => {
    const client = new ScriptedModelArts([transient(), nameTaken()]);
    const { attempt, read } = await setup(client);
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    client.found = { jobId: '1', jobName: 'x', versionId: '2', status: 10, createTime: Date.now() - 3_600_000, duration: null, jobDesc: null, versionCount: 1 };
    await expect(attempt()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await read()).toMatchObject({ status: 'failed', modelarts: null, error: { code: 'ModelArts.0103' } });
  });

  it('skips a job canceled while it waited, without calling ModelArts', async () => {
    const client = new ScriptedModelArts([created()]);
    const { attempt, id } = await setup(client);
    await new JobRepository(db.pool).transition(id, { from: ['queued'], to: 'canceled' });
    await expect(attempt()).resolves.toEqual({ outcome: 'skipped:canceled' });
    expect(client.creates).toBe(0);
  });
});
