import { createLogger } from '@jobgate/logging';
import { ModelArtsClient, TokenAuth } from '@jobgate/modelarts';
import { createRedis, JobgateQueues, SlidingWindowLimiter, type Permit } from '@jobgate/queues';
import { createSimulator, type Simulator } from '../../../test/support/simulator';
import { Store } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';
import type { Caller } from './caller';
import { Lifecycle } from './lifecycle';
import type { SubmitGate } from './submit.system';

const IAM = { username: 'gate-user', password: 'gate-password', domainName: 'gate-domain' };
const PROJECT = 'gate-project';
const OPERATOR: Caller = { kind: 'operator', keyId: 'test' };

/**
 * The rate gate counts what reaches ModelArts: one permit per create request actually sent, taken
 * once the credentials are in hand, and its release never decides the outcome of the create.
 */
describe('SubmitSystem and the rate gate (real PostgreSQL and Redis, simulator with IAM tokens)', () => {
  let db: FreshDatabase;
  let sim: Simulator;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
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

  /** The real limiter, with every acquire and release noted against the calls ModelArts had answered by then. */
  function recordingGate(options: { failRelease?: boolean } = {}) {
    const limiter = new SlidingWindowLimiter({ redis, keyPrefix: uniqueName('gate'), max: 1000 });
    const events: string[] = [];
    const answered = () =>
      sim
        .calls()
        .filter((c) => c.status !== 0)
        .map((c) => `${c.op} ${c.status}`)
        .join(', ');
    const gate: SubmitGate = {
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

  async function setup(gate: SubmitGate) {
    const { job } = await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob: sampleJob(uniqueName('gate').replace(/_/g, '-')) });
    expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
    const client = new ModelArtsClient({ endpoint: sim.url, projectId: PROJECT, auth: new TokenAuth({ iamEndpoint: sim.url, ...IAM, projectId: PROJECT }) });
    const system = lifecycle.submitSystem({ client, gate, settings: { maxAttempts: 3, random: () => 0 } });
    return { id: job.id, attempt: () => system.process(job.id) };
  }

  it('takes one permit per create request sent, once the token is in hand; a re-send after a token refresh takes another', async () => {
    const { gate, events } = recordingGate();
    const { attempt } = await setup(gate);
    sim.setFaults({ tokenExpireNext: 1 }); // the first create is told its token expired: 401 APIG.0307
    expect(await attempt()).toEqual({ kind: 'done', outcome: 'created' });
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
    expect(await attempt()).toEqual({ kind: 'done', outcome: 'created' });
    expect((await store.jobs.get(id))?.status).toBe('submitted');
    expect(sim.jobs()).toHaveLength(1);
  });

  it('waits at least the Retry-After of a 5xx answer before trying again', async () => {
    const { gate } = recordingGate();
    const { attempt, id } = await setup(gate);
    sim.setFaults({ outage: { ops: ['create'], status: 503, retryAfterSec: 7 } });
    // Full jitter drew 0 here: Retry-After decides.
    expect(await attempt()).toMatchObject({ kind: 'retry', delayMs: 7_000 });
    expect((await store.submissions.attempts(id)).map((a) => [a.outcome, a.delay_ms])).toEqual([['unknown', 7_000]]);
  });
});
