import { Writable } from 'node:stream';
import type { TrainingJobBody } from '@jobgate/contracts';
import { ServiceUnavailableError } from '@jobgate/errors';
import { createLogger } from '@jobgate/logging';
import { ModelArtsError, type AiEngine, type JobList, type ResourceSpec } from '@jobgate/modelarts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { testServices, uniqueName } from '../../../test/support/services';
import type { AccountClient } from './account.system';
import { Lifecycle } from './lifecycle';
import type { LogClient } from './log.system';

const spec = (specId: string, maxNum: number, extra: Partial<ResourceSpec> = {}): ResourceSpec => ({
  specId,
  specCode: `modelarts.vm.cpu.${specId}u`,
  core: '2',
  cpu: '8',
  gpuNum: 0,
  gpuType: '',
  maxNum,
  unitNum: 1,
  storage: '',
  interfaceType: 1,
  noResource: false,
  ...extra,
});
const engine = (engineId: string): AiEngine => ({ engineId, engineName: 'TensorFlow', engineVersion: 'TF-1.8.0-python3.6', engineType: 1 });
const job = (config: Partial<TrainingJobBody['config']>): TrainingJobBody => ({ job_name: 'j', config: { worker_server_num: 1, data_url: '/d/', ...config } });
const down = () => new ModelArtsError({ httpStatus: 503, errorCode: 'APIG.0202', errorMessage: 'backend unavailable', retryable: true, outcomeUnknown: true });

/** An account whose lists and quota the test sets; it counts the calls and can be made unreachable. */
class FakeAccount implements AccountClient, LogClient {
  specs = [spec('1', 2), spec('3', 4, { noResource: true })];
  engines = [engine('1'), engine('4')];
  quota: Pick<JobList, 'quotas' | 'jobCountLimit'> = { quotas: 10_000, jobCountLimit: 9_990 };
  unreachable = false;
  readonly calls: string[] = [];

  async listResourceSpecs(): Promise<ResourceSpec[]> {
    return this.answer('specs', this.specs);
  }
  async listAiEngines(): Promise<AiEngine[]> {
    return this.answer('engines', this.engines);
  }
  async listTrainingJobs(): Promise<JobList> {
    return this.answer('list', { total: 0, jobs: [], skipped: [], ...this.quota });
  }
  logFileNames(): never {
    throw new Error('not used');
  }
  readLog(): never {
    throw new Error('not used');
  }
  private answer<T>(op: string, value: T): T {
    this.calls.push(op);
    if (this.unreachable) throw down();
    return structuredClone(value);
  }
}

describe("AccountSystem: the account's flavors, engines and quota (real Redis and PostgreSQL, fake ModelArts)", () => {
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let prefix: string;
  let now: number;
  let logLines: Record<string, unknown>[];
  const lifecycles: Lifecycle[] = [];
  afterAll(() => redis.quit());

  beforeEach(async () => {
    db = await freshDatabase();
    prefix = uniqueName('q');
    queues = new JobgateQueues({ connection: redis, prefix });
    now = 1_700_000_000_000;
    logLines = [];
  });
  afterEach(async () => {
    await Promise.all(lifecycles.splice(0).map((l) => l.close()));
    await queues.close();
    await db.drop();
  });

  function account(client: FakeAccount | null) {
    const destination = new Writable({
      write(chunk, _enc, done) {
        logLines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const lifecycle = new Lifecycle({
      store: new Store(db.pool, { schema: db.schema }),
      queues,
      logger: createLogger({ destination }),
      modelarts: client ? { client, account: { now: () => now, catalogRefreshMs: 300_000, missRefreshMs: 10_000 } } : undefined,
    });
    lifecycles.push(lifecycle);
    return lifecycle.account;
  }

  it('refuses an unknown flavor or engine and too many workers, listing what the account has', async () => {
    const fake = new FakeAccount();
    const issues = await account(fake).checkTrainingJob(job({ spec_id: 2, engine_id: 9, worker_server_num: 3 }), 'training_job');
    expect(issues).toEqual([
      {
        path: 'training_job.config.spec_id',
        message:
          "must be one of the account's training flavors: 1 (modelarts.vm.cpu.1u, max 2 workers); 3 (modelarts.vm.cpu.3u, max 4 workers, no capacity now)",
      },
      {
        path: 'training_job.config.engine_id',
        message: "must be one of the account's engines: 1 (TensorFlow TF-1.8.0-python3.6); 4 (TensorFlow TF-1.8.0-python3.6)",
      },
    ]);
    expect(await account(fake).checkTrainingJob(job({ spec_id: '1', worker_server_num: 3 }), '')).toEqual([
      { path: 'config.worker_server_num', message: 'must be at most 2, the max_num of flavor 1 (modelarts.vm.cpu.1u)' },
    ]);
    // A dedicated pool (no spec_id) and the default engine (no engine_id) are not checked.
    expect(await account(fake).checkTrainingJob(job({ pool_id: 'pool-1', worker_server_num: 50 }), '')).toEqual([]);
  });

  it('reads the lists once, again when they are stale or on a miss, and never more than once per miss interval', async () => {
    const fake = new FakeAccount();
    const system = account(fake);
    expect(await system.checkTrainingJob(job({ spec_id: 1 }), '')).toEqual([]);
    expect(fake.calls).toEqual(['specs', 'engines']);
    // A flavor added in ModelArts since: the miss reads the lists again and the job passes.
    fake.specs.push(spec('7', 8));
    now += 60_000;
    expect(await system.checkTrainingJob(job({ spec_id: 7 }), '')).toEqual([]);
    expect(fake.calls).toHaveLength(4);
    // Misses right after cost nothing more.
    expect(await system.checkTrainingJob(job({ spec_id: 99 }), '')).toHaveLength(1);
    expect(fake.calls).toHaveLength(4);
    // Past the refresh interval the lists are read again in the background; the old ones answer meanwhile.
    now += 300_001;
    expect((await system.specs()).items.map((s) => s.spec_id)).toEqual(['1', '3', '7']);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls).toHaveLength(6);
    expect(await system.specs()).toMatchObject({ refreshed_at: new Date(now).toISOString() });
  });

  it('never blocks intake when ModelArts cannot be asked: unchecked, logged, and tried again only after the interval', async () => {
    const fake = new FakeAccount();
    fake.unreachable = true;
    const system = account(fake);
    expect(await system.checkTrainingJob(job({ spec_id: 99 }), '')).toEqual([]);
    expect(await system.checkTrainingJob(job({ spec_id: 99 }), '')).toEqual([]);
    expect(fake.calls).toEqual(['specs']);
    await expect(system.specs()).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(logLines.some((l) => String(l.msg).includes('intake is not checked'))).toBe(true);
    fake.unreachable = false;
    now += 10_001;
    expect(await system.checkTrainingJob(job({ spec_id: 99 }), '')).toHaveLength(1);
    expect(await account(null).checkTrainingJob(job({ spec_id: 99 }), '')).toEqual([]);
  });

  it('shares the quota a list call reported, and applies it when it is below MAX_ACTIVE_JOBS, logging each change once', async () => {
    const poller = account(new FakeAccount());
    await poller.observeQuota({ quotas: 3, jobCountLimit: 1 });
    const fake = new FakeAccount();
    const worker = account(fake);
    expect(await worker.quota()).toEqual({ quotas: 3, jobCountLimit: 1, observedAtMs: now });
    expect(await worker.maxActiveJobs(100)).toBe(3);
    expect(await worker.maxActiveJobs(100)).toBe(3);
    expect(await worker.maxActiveJobs(2)).toBe(2);
    expect(fake.calls).toEqual([]); // the poller's reading was fresh
    const applied = logLines.filter((l) => String(l.msg).includes('applying'));
    expect(applied.map((l) => [l.msg, l.applied])).toEqual([
      ['the ModelArts account quota is below MAX_ACTIVE_JOBS; applying the quota', 3],
      ['applying MAX_ACTIVE_JOBS', 2],
    ]);
  });

  it('asks ModelArts for the quota when nobody has read it lately, and falls back to MAX_ACTIVE_JOBS when it cannot', async () => {
    const fake = new FakeAccount();
    fake.quota = { quotas: 5, jobCountLimit: 5 };
    expect(await account(fake).maxActiveJobs(100)).toBe(5);
    expect(fake.calls).toEqual(['list']);
    expect(await queues.readAccountQuota()).toMatchObject({ quotas: 5, jobCountLimit: 5 });
    await redis.del(`${prefix}:modelarts:quota`);
    const broken = new FakeAccount();
    broken.unreachable = true;
    expect(await account(broken).maxActiveJobs(100)).toBe(100);
  });
});
