import type { TrainingJobBody } from '@jobgate/contracts';
import { createLogger } from '@jobgate/logging';
import { AkSkAuth, ModelArtsClient, ModelArtsError, type CreatedJob, type JobSummary } from '@jobgate/modelarts';
import { createRedis, JobgateQueues, SlidingWindowLimiter } from '@jobgate/queues';
import { createSimulator, type Simulator } from '../../../test/support/simulator';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob, seedSamples } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';
import type { Caller } from './caller';
import { Lifecycle } from './lifecycle';
import type { SubmitClient, SubmitGate } from './submit.system';

const CREDENTIALS = { ak: 'ADOPTIONTESTAK000', sk: 'adoption-test-secret-key' };
const OPERATOR: Caller = { kind: 'operator', keyId: 'test' };

/**
 * Adoption after an ambiguous create: the create reached ModelArts but its answer was lost, the retry
 * meets "name taken", and the submission must find its own job where it lives (its workspace).
 */
describe('SubmitSystem: adoption after an ambiguous create (real PostgreSQL, Redis and simulator)', () => {
  let db: FreshDatabase;
  let sim: Simulator;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
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
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store, queues, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await lifecycle.close();
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
    await queues.close();
    await db.drop();
  });

  function systemFor(client: SubmitClient) {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 });
    const gate: SubmitGate = { acquire: () => limiter.acquire(), pauseFor: (ms) => limiter.pauseFor(ms) };
    return lifecycle.submitSystem({ client, gate, settings: { maxAttempts: 3, random: () => 0 } });
  }

  /** Accepted and admitted by the dispatcher (`submitting`): what the submit queue hands a worker. */
  async function accept(trainingJob: TrainingJobBody): Promise<string> {
    const { id } = (await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob })).job;
    expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
    return id;
  }

  it('adopts the job of a workspace other than "0" (the seed sample\'s first request) whose create answer was lost', async () => {
    const trainingJob = seedSamples()[0]!;
    expect(trainingJob.workspace_id).toBe('af261af2218841ec960b01ab3cf1a5fa');
    const id = await accept(trainingJob);
    const system = systemFor(new ModelArtsClient({ endpoint: sim.url, projectId: 'adopt-project', auth: new AkSkAuth(CREDENTIALS) }));

    sim.setFaults({ dropAfterCreateRate: 1 }); // the create is done, its answer never arrives
    expect(await system.process(id)).toMatchObject({ kind: 'retry' });
    expect(await system.process(id)).toEqual({ kind: 'done', outcome: 'adopted' });

    const [created, ...extra] = sim.jobs().filter((j) => j.job_name === trainingJob.job_name);
    expect(extra).toEqual([]);
    expect(await store.jobs.get(id)).toMatchObject({
      status: 'submitted',
      modelarts: { job_id: String(created!.job_id), version_id: String(created!.version_id) },
    });
    const lists = sim.calls().filter((c) => c.op === 'list');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((c) => new URLSearchParams(c.query).get('workspace_id') === trainingJob.workspace_id)).toBe(true);
  });

  describe('ModelArts.2751 (DuplicateTrainingJobName) is handled like ModelArts.0103', () => {
    const duplicate = () =>
      new ModelArtsError({ httpStatus: 400, errorCode: 'ModelArts.2751', errorMessage: 'DuplicateTrainingJobName', retryable: false, outcomeUnknown: false });
    const lost = () =>
      new ModelArtsError({ httpStatus: null, errorCode: 'network.ECONNRESET', errorMessage: 'socket hang up', retryable: true, outcomeUnknown: true });

    function scripted(answers: Error[], found: () => JobSummary | null) {
      const seen = { creates: 0, lookups: [] as Array<{ name: string; workspaceId?: string }> };
      const client: SubmitClient = {
        async createTrainingJob(): Promise<CreatedJob> {
          throw answers[seen.creates++] ?? new Error('no scripted answer left');
        },
        async findJobByName(name: string, options: { workspaceId?: string } = {}): Promise<JobSummary | null> {
          seen.lookups.push({ name, workspaceId: options.workspaceId });
          return found();
        },
        async stopVersion(): Promise<void> {
          throw new Error('nothing should be stopped');
        },
        async createVersion(): Promise<CreatedJob> {
          throw new Error('not a rerun');
        },
        async listVersions(): Promise<never> {
          throw new Error('not a rerun');
        },
      };
      return { client, seen };
    }

    it('adopts after an unanswered attempt', async () => {
      const name = uniqueName('dup').replace(/_/g, '-');
      const id = await accept({ ...sampleJob(name), workspace_id: 'ws-2751' });
      const { client, seen } = scripted([lost(), duplicate()], () => ({
        jobId: '42',
        jobName: name,
        versionId: '43',
        status: 1,
        createTime: Date.now(),
        duration: null,
        jobDesc: null,
        versionCount: 1,
      }));
      const system = systemFor(client);
      expect(await system.process(id)).toMatchObject({ kind: 'retry' });
      expect(await system.process(id)).toEqual({ kind: 'done', outcome: 'adopted' });
      expect(seen.lookups).toEqual([{ name, workspaceId: 'ws-2751' }]);
      expect(await store.jobs.get(id)).toMatchObject({ status: 'submitted', modelarts: { job_id: '42' } });
    });

    it('fails at once, keeping ModelArts.2751, when no earlier attempt could have created the job', async () => {
      const id = await accept(sampleJob(uniqueName('dup').replace(/_/g, '-')));
      const { client, seen } = scripted([duplicate()], () => null);
      expect(await systemFor(client).process(id)).toMatchObject({ kind: 'failed', reason: expect.stringContaining('ModelArts.2751') });
      expect(seen.lookups).toEqual([]);
      const record = await store.jobs.get(id);
      expect(record).toMatchObject({ status: 'failed', error: { code: 'ModelArts.2751', retryable: false } });
      expect(record!.error!.message).toMatch(/already exists in ModelArts/);
    });
  });
});
