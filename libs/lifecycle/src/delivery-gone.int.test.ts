import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import type { DeliveryResult, WebhookMessage } from '@jobgate/webhooks';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';
import type { Caller } from './caller';
import type { DeliverySystem } from './delivery.system';
import { Lifecycle } from './lifecycle';
import type { SubmitClient } from './submit.system';

const URL_A = 'https://team.example/hooks';
const OPERATOR: Caller = { kind: 'operator', keyId: 'test' };
const openGate = { acquire: async () => ({ done: () => undefined }), pauseFor: async () => undefined };

/** A receiver that answers 410 Gone wants nothing more about that job: nothing else is sent to it. */
describe('DeliverySystem: 410 Gone (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let store: Store;
  let queues: JobgateQueues;
  let lifecycle: Lifecycle;
  let deliveries: DeliverySystem;
  let sent: string[];
  let nudged: string[];
  let answer: DeliveryResult;
  let modelartsIds: number;
  const redis = createRedis({ url: testServices().redisUrl, role: 'worker' });
  afterAll(() => redis.quit());

  beforeEach(async () => {
    db = await freshDatabase();
    store = new Store(db.pool, { schema: db.schema });
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store, queues, logger: createLogger({ level: 'silent' }) });
    sent = [];
    nudged = [];
    modelartsIds = 100;
    answer = { outcome: 'gone', statusCode: 410, latencyMs: 3, error: 'HTTP 410' };
    // The real queue call, noted: which event the system looks at next once one is settled.
    const nudge = queues.nudgeWebhook.bind(queues);
    jest.spyOn(queues, 'nudgeWebhook').mockImplementation(async (eventId, options) => {
      nudged.push(eventId);
      return nudge(eventId, options);
    });
    deliveries = lifecycle.deliverySystem({
      send: async (message: WebhookMessage) => {
        sent.push(message.id);
        return answer;
      },
      retryScheduleSec: [1, 1, 1],
    });
  });
  afterEach(async () => {
    await lifecycle.close();
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true })));
    await queues.close();
    await db.drop();
  });

  const run = (eventId: string) => deliveries.process(eventId);
  const eventIds = async (jobId: string) => Object.fromEntries((await store.events.listForJob(jobId)).map((e) => [e.type, e.id]));

  /** A job accepted with `webhookUrl`, admitted and created in ModelArts, through the lifecycle's intents: its job.submitted event is recorded. */
  async function submittedJob(webhookUrl: string): Promise<string> {
    const { job } = await lifecycle.intake.acceptJob({ caller: OPERATOR, trainingJob: sampleJob(uniqueName('gone').replace(/_/g, '-')), webhookUrl });
    const jobId = String(modelartsIds++);
    const client: SubmitClient = {
      createTrainingJob: async (body) => ({
        jobId,
        jobName: body.job_name,
        versionId: `${jobId}-v`,
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
    };
    expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
    expect(await lifecycle.submitSystem({ client, gate: openGate, settings: { maxAttempts: 3 } }).process(job.id)).toEqual({
      kind: 'done',
      outcome: 'created',
    });
    return job.id;
  }

  /** ModelArts reports `code` for the job, as the poller would apply it. */
  async function observe(id: string, code: number): Promise<void> {
    const job = (await store.jobs.getSnapshot(id))!;
    expect(await lifecycle.statuses.applyStatuses([job], new Map([[id, { kind: 'status', code }]]), { pendingTimeoutMs: 3_600_000 })).toBe(1);
  }

  it('ends the event and every later event of the job to that URL, pending or recorded afterwards, without sending them', async () => {
    const id = await submittedJob(URL_A);
    await observe(id, 8); // running
    const { 'job.submitted': submitted, 'job.running': running } = await eventIds(id);

    expect(await run(submitted!)).toEqual({ kind: 'done', outcome: 'gone' });
    expect(nudged).toEqual([running]); // the next one is looked at at once…
    expect(await run(running!)).toEqual({ kind: 'done', outcome: 'gone' }); // …and ends without a request
    await observe(id, 10); // succeeded
    const succeeded = (await eventIds(id))['job.succeeded'];
    expect(await run(succeeded!)).toEqual({ kind: 'done', outcome: 'gone' });

    expect(sent).toEqual([submitted]);
    const events = await store.events.listForJob(id);
    expect(events.map((d) => [d.type, d.status, d.attempt_count])).toEqual([
      ['job.submitted', 'gone', 1],
      ['job.running', 'gone', 0],
      ['job.succeeded', 'gone', 0],
    ]);
    expect(events[1]!.last_error).toMatch(/410 Gone/);
  });

  it('still sends an event an operator asks to redeliver, and events of other jobs', async () => {
    const id = await submittedJob(URL_A);
    await observe(id, 8);
    const { 'job.submitted': submitted, 'job.running': running } = await eventIds(id);
    await run(submitted!);
    await run(running!);
    const other = (await eventIds(await submittedJob(URL_A)))['job.submitted'];

    answer = { outcome: 'delivered', statusCode: 204, latencyMs: 2, error: null };
    expect(await run(other!)).toEqual({ kind: 'done', outcome: 'delivered' });
    expect(await lifecycle.reporting.redeliver(running!, null, OPERATOR)).toMatchObject({ id: running, status: 'pending' });
    expect(await run(running!)).toEqual({ kind: 'done', outcome: 'delivered' });
    expect(sent).toEqual([submitted, other, running]);
  });
});
