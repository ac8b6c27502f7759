import { loadConfig } from '@jobgate/config';
import { Lifecycle, type Caller } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import type { JobList, ListTrainingJobsQuery } from '@jobgate/modelarts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';
import { startPoller, type RunningPoller } from './start-poller';
import { FakeModelArts } from './testing/fake-modelarts';

const LIST_MS = 1_000;
const OPERATOR: Caller = { kind: 'operator', keyId: 'test-operator' };

/** A ModelArts whose list call takes a second; it counts how many lists are in flight at once, across replicas. */
class SlowModelArts extends FakeModelArts {
  constructor(private readonly gauge: { inFlight: number; max: number; lists: number }) {
    super();
  }

  override async listTrainingJobs(q: ListTrainingJobsQuery = {}): Promise<JobList> {
    this.gauge.inFlight++;
    this.gauge.lists++;
    this.gauge.max = Math.max(this.gauge.max, this.gauge.inFlight);
    try {
      await new Promise((r) => setTimeout(r, LIST_MS));
      return await super.listTrainingJobs(q);
    } finally {
      this.gauge.inFlight--;
    }
  }
}

describe('poller replicas (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  const pollers: RunningPoller[] = [];
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  afterAll(() => redis.quit());
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.close()));
    await db.drop();
  });

  /** A job the dispatcher admitted and the worker created in ModelArts as 9001/9002, set up through the lifecycle's own intents. */
  async function submittedJob(): Promise<void> {
    const queues = new JobgateQueues({ connection: redis, prefix: uniqueName('setup') });
    const lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger: createLogger({ level: 'silent' }) });
    try {
      const { job } = await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob: sampleJob(uniqueName('tick').replace(/_/g, '-')) });
      expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
      const submit = lifecycle.submitSystem({
        client: {
          createTrainingJob: async (body) => ({
            jobId: '9001',
            jobName: body.job_name,
            versionId: '9002',
            versionName: 'V0001',
            resourceId: null,
            status: 1,
            createTime: Date.now(),
          }),
          findJobByName: async () => null,
          stopVersion: async () => undefined,
          createVersion: async () => {
            throw new Error('not a rerun');
          },
          listVersions: async () => {
            throw new Error('not a rerun');
          },
        },
        gate: { acquire: async () => ({ done: () => undefined }), pauseFor: async () => undefined },
        settings: { maxAttempts: 3 },
      });
      expect(await submit.process(job.id)).toEqual({ kind: 'done', outcome: 'created' });
    } finally {
      await lifecycle.close();
      await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
      await queues.close();
    }
  }

  it('never run two ticks at once, though a tick (1 s) takes longer than POLL_INTERVAL_MS (200 ms)', async () => {
    await submittedJob();

    const loaded = loadConfig({
      REDIS_URL: testServices().redisUrl,
      DATABASE_URL: testServices().databaseUrl,
      DATABASE_SCHEMA: db.schema,
      QUEUE_PREFIX: uniqueName('poll'),
      API_KEYS: 'poller-test-key-0123456789',
      POLL_INTERVAL_MS: '200',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const gauge = { inFlight: 0, max: 0, lists: 0 };
    for (let i = 0; i < 2; i++) {
      const fake = new SlowModelArts(gauge);
      fake.add({ jobId: '9001', versionId: '9002', status: 8, createTime: Date.now() });
      pollers.push(await startPoller({ config: loaded.config, logger: createLogger({ level: 'silent' }), client: fake }));
    }
    await new Promise((r) => setTimeout(r, 4_500));
    expect(gauge.lists).toBeGreaterThanOrEqual(3); // polling went on
    expect(gauge.max).toBe(1);
  });
});
