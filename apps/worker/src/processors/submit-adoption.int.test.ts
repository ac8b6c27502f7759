import { UnrecoverableError, type Job } from 'bullmq';
import { createLogger } from '@jobgate/logging';
import { AkSkAuth, ModelArtsClient, ModelArtsError, type CreatedJob, type JobSummary } from '@jobgate/modelarts';
import { createRedis, SlidingWindowLimiter, type SubmitPayload } from '@jobgate/queues';
import { createSimulator, type Simulator } from '@jobgate/simulator';
import { JobRepository, SubmissionRepository } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob, seedSamples } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { RetryLaterError } from '../retry-later-error';
import { submitProcessor } from './submit.processor';

const CREDENTIALS = { ak: 'ADOPTIONTESTAK000', sk: 'adoption-test-secret-key' };

/**
 * Adoption after an ambiguous create: the create reached ModelArts but its answer was lost, the retry
 * meets "name taken", and the processor must find its own job where it lives (its workspace).
 */
describe('submit processor: adoption after an ambiguous create (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let sim: Simulator;
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  beforeAll(async () => {
    sim = createSimulator({ projectId: 'adopt-project', credentials: CREDENTIALS });
    await sim.listen();
  });
  afterAll(async () => {
    await sim.close();
    await redis.quit();
  });
  beforeEach(async () => {
    db = await freshDatabase();
    sim.reset();
  });
  afterEach(() => db.drop());

  function processorFor(client: Pick<ModelArtsClient, 'createTrainingJob' | 'findJobByName'>) {
    return submitProcessor({
      submissions: new SubmissionRepository(db.pool),
      client: client as ModelArtsClient,
      limiter: new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 }),
      pauseQueue: async () => undefined,
      logger: createLogger({ level: 'silent' }),
      settings: { maxActiveJobs: 100, maxAttempts: 3, random: () => 0 },
    });
  }

  async function insert(trainingJob: Record<string, unknown> & { job_name: string }) {
    const { job } = await new JobRepository(db.pool).create({ trainingJob });
    return job.id;
  }

  it('adopts the job of a workspace other than "0" (the seed sample\'s first request) whose create answer was lost', async () => {
    const trainingJob = seedSamples()[0]!;
    expect(trainingJob.workspace_id).toBe('af261af2218841ec960b01ab3cf1a5fa');
    const id = await insert(trainingJob);
    const run = processorFor(new ModelArtsClient({ endpoint: sim.url, projectId: 'adopt-project', auth: new AkSkAuth(CREDENTIALS) }));
    const attempt = () => run({ data: { jobId: id } } as Job<SubmitPayload>);

    sim.setFaults({ dropAfterCreateRate: 1 }); // the create is done, its answer never arrives
    await expect(attempt()).rejects.toBeInstanceOf(RetryLaterError);
    await expect(attempt()).resolves.toEqual({ outcome: 'adopted' });

    const [created, ...extra] = sim.jobs().filter((j) => j.job_name === trainingJob.job_name);
    expect(extra).toEqual([]);
    const record = await new JobRepository(db.pool).get(id);
    expect(record).toMatchObject({ status: 'submitted', modelarts: { job_id: String(created!.job_id), version_id: String(created!.version_id) } });
    const lists = sim.calls().filter((c) => c.op === 'list');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((c) => new URLSearchParams(c.query).get('workspace_id') === trainingJob.workspace_id)).toBe(true);
  });

  describe('ModelArts.2751 (DuplicateTrainingJobName) is handled like ModelArts.0103', () => {
    const duplicate = () => new ModelArtsError({ httpStatus: 400, errorCode: 'ModelArts.2751', errorMessage: 'DuplicateTrainingJobName', retryable: false, outcomeUnknown: false });
    const lost = () => new ModelArtsError({ httpStatus: null, errorCode: 'network.ECONNRESET', errorMessage: 'socket hang up', retryable: true, outcomeUnknown: true });

    function scripted(answers: Error[], found: () => JobSummary | null) {
      const seen = { creates: 0, lookups: [] as Array<{ name: string; workspaceId?: string }> };
      const client = {
        async createTrainingJob(): Promise<CreatedJob> {
          throw answers[seen.creates++] ?? new Error('no scripted answer left');
        },
        async findJobByName(name: string, options: { workspaceId?: string } = {}): Promise<JobSummary | null> {
          seen.lookups.push({ name, workspaceId: options.workspaceId });
          return found();
        },
      };
      return { client, seen };
    }

    it('adopts after an unanswered attempt', async () => {
      const name = uniqueName('dup').replace(/_/g, '-');
      const id = await insert({ ...sampleJob(name), workspace_id: 'ws-2751' });
      const { client, seen } = scripted([lost(), duplicate()], () => ({ jobId: '42', jobName: name, versionId: '43', status: 1, createTime: Date.now(), duration: null, jobDesc: null, versionCount: 1 }));
      const run = processorFor(client as never);
      await expect(run({ data: { jobId: id } } as Job<SubmitPayload>)).rejects.toBeInstanceOf(RetryLaterError);
      await expect(run({ data: { jobId: id } } as Job<SubmitPayload>)).resolves.toEqual({ outcome: 'adopted' });
      expect(seen.lookups).toEqual([{ name, workspaceId: 'ws-2751' }]);
      expect(await new JobRepository(db.pool).get(id)).toMatchObject({ status: 'submitted', modelarts: { job_id: '42' } });
    });

    it('fails at once, keeping ModelArts.2751, when no earlier attempt could have created the job', async () => {
      const id = await insert(sampleJob(uniqueName('dup').replace(/_/g, '-')));
      const { client, seen } = scripted([duplicate()], () => null);
      await expect(processorFor(client as never)({ data: { jobId: id } } as Job<SubmitPayload>)).rejects.toBeInstanceOf(UnrecoverableError);
      expect(seen.lookups).toEqual([]);
      const record = await new JobRepository(db.pool).get(id);
      expect(record).toMatchObject({ status: 'failed', error: { code: 'ModelArts.2751', retryable: false } });
      expect(record!.error!.message).toMatch(/already exists in ModelArts/);
    });
  });
});
