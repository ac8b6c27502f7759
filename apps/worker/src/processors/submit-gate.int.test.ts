import type { Job } from 'bullmq';
import { createLogger } from '@jobgate/logging';
import { ModelArtsClient, TokenAuth } from '@jobgate/modelarts';
import { createRedis, SlidingWindowLimiter, type Permit, type SubmitPayload } from '@jobgate/queues';
import { createSimulator, type Simulator } from '@jobgate/simulator';
import { JobRepository, SubmissionRepository } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { RetryLaterError } from '../retry-later-error';
import { submitProcessor } from './submit.processor';

const IAM = { username: 'gate-user', password: 'gate-password', domainName: 'gate-domain' };
const PROJECT = 'gate-project';

/**
 * The rate gate counts what reaches ModelArts: one permit per create request actually sent, taken
 * once the credentials are in hand, and its release never decides the outcome of the create.
 */
describe('submit processor and the rate gate (real PostgreSQL and Redis, simulator with IAM tokens)', () => {
  let db: FreshDatabase;
  let sim: Simulator;
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  beforeAll(async () => {
    sim = createSimulator({ projectId: PROJECT, iam: IAM });
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

  /** The real limiter, with every acquire and release noted against the calls ModelArts had answered by then. */
  function recordingGate(options: { failRelease?: boolean } = {}) {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 });
    const events: string[] = [];
    const answered = () => sim.calls().filter((c) => c.status !== 0).map((c) => `${c.op} ${c.status}`).join(', ');
    const gate = {
      async acquire(): Promise<Permit> {
        const permit = await limiter.acquire();
        events.push(`acquire after [${answered()}]`);
        return {
          async done() {
            events.push(`done after [${answered()}]`);
            await permit.done();
            if (options.failRelease) throw new Error('Redis went away while releasing the permit');
          },
        };
      },
      pauseFor: (ms: number) => limiter.pauseFor(ms),
    };
    return { gate, events };
  }

  async function setup(gate: ReturnType<typeof recordingGate>['gate']) {
    const { job } = await new JobRepository(db.pool).create({ trainingJob: sampleJob(uniqueName('gate').replace(/_/g, '-')) });
    const client = new ModelArtsClient({ endpoint: sim.url, projectId: PROJECT, auth: new TokenAuth({ iamEndpoint: sim.url, ...IAM, projectId: PROJECT }) });
    const run = submitProcessor({
      submissions: new SubmissionRepository(db.pool),
      client,
      limiter: gate as unknown as SlidingWindowLimiter,
      pauseQueue: async () => undefined,
      logger: createLogger({ level: 'silent' }),
      settings: { maxActiveJobs: 100, maxAttempts: 3, random: () => 0 },
    });
    return { id: job.id, attempt: () => run({ data: { jobId: job.id } } as Job<SubmitPayload>) };
  }

  it('takes one permit per create request sent, once the token is in hand; a re-send after a token refresh takes another', async () => {
    const { gate, events } = recordingGate();
    const { attempt } = await setup(gate);
    sim.setFaults({ tokenExpireNext: 1 }); // the first create is told its token expired: 401 APIG.0307
    await expect(attempt()).resolves.toEqual({ outcome: 'created' });
    await new Promise((r) => setTimeout(r, 50)); // releases are not awaited by the call
    expect(events).toEqual([
      'acquire after [token 201]',
      'done after [token 201, create 401]',
      'acquire after [token 201, create 401, token 201]',
      'done after [token 201, create 401, token 201, create 200]',
    ]);
  });

  it('a release that fails never turns a created job into an error', async () => {
    const { gate } = recordingGate({ failRelease: true });
    const { attempt, id } = await setup(gate);
    await expect(attempt()).resolves.toEqual({ outcome: 'created' });
    expect((await new JobRepository(db.pool).get(id))?.status).toBe('submitted');
    expect(sim.jobs()).toHaveLength(1);
  });

  it('waits at least the Retry-After of a 5xx answer before trying again', async () => {
    const { gate } = recordingGate();
    const { attempt, id } = await setup(gate);
    sim.setFaults({ outage: { ops: ['create'], status: 503, retryAfterSec: 7 } });
    const err = await attempt().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect((err as RetryLaterError).delayMs).toBe(7_000); // full jitter drew 0 here: Retry-After decides
    expect((await new SubmissionRepository(db.pool).attempts(id)).map((a) => [a.outcome, a.delay_ms])).toEqual([['unknown', 7_000]]);
  });
});
