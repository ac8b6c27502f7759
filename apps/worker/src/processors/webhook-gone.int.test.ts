import type { Job } from 'bullmq';
import { createLogger } from '@jobgate/logging';
import type { WebhookPayload } from '@jobgate/queues';
import { JobRepository, SubmissionRepository, WebhookDeliveryRepository, WebhookEventRepository, type JobRow } from '@jobgate/store';
import type { DeliveryResult, WebhookMessage } from '@jobgate/webhooks';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { webhookProcessor } from './webhook.processor';

const URL_A = 'https://team.example/hooks';

/** A receiver that answers 410 Gone wants nothing more about that job: nothing else is sent to it. */
describe('webhook processor: 410 Gone (real PostgreSQL)', () => {
  let db: FreshDatabase;
  let sent: string[];
  let nudged: string[];
  let answer: DeliveryResult;
  let run: (eventId: string) => Promise<{ outcome: string }>;
  beforeEach(async () => {
    db = await freshDatabase();
    sent = [];
    nudged = [];
    answer = { outcome: 'gone', statusCode: 410, latencyMs: 3, error: 'HTTP 410' };
    const processor = webhookProcessor({
      deliveries: new WebhookDeliveryRepository(db.pool),
      send: async (message: WebhookMessage) => {
        sent.push(message.id);
        return answer;
      },
      retryScheduleSec: [1, 1, 1],
      sendNext: async (eventId) => void nudged.push(eventId),
      logger: createLogger({ level: 'silent' }),
    });
    run = (eventId) => processor({ data: { eventId }, moveToDelayed: async () => undefined } as unknown as Job<WebhookPayload>, 'token');
  });
  afterEach(() => db.drop());

  async function submittedJob(webhookUrl: string): Promise<JobRow> {
    const { job } = await new JobRepository(db.pool).create({ trainingJob: sampleJob(`gone-${Math.random().toString(36).slice(2, 8)}`), webhookUrl });
    const subs = new SubmissionRepository(db.pool);
    await subs.claim(job.id, 100);
    return (await subs.markSubmitted(job.id, { jobId: '1', versionId: '2', versionName: 'V0001', resourceId: null, status: 1, statusName: 'JOBSTAT_INIT', createTime: Date.now() }))!;
  }

  it('ends the event and every later event of the job to that URL, pending or recorded afterwards, without sending them', async () => {
    const events = new WebhookEventRepository(db.pool);
    const jobs = new JobRepository(db.pool);
    const row = await submittedJob(URL_A);
    const submitted = (await events.recordForJob(row))!;
    const running = (await events.recordForJob((await jobs.transition(row.id, { from: ['submitted'], to: 'running' }))!))!;

    expect(await run(submitted)).toEqual({ outcome: 'gone' });
    expect(nudged).toEqual([running]); // the next one is looked at at once…
    expect(await run(running)).toEqual({ outcome: 'gone' }); // …and ends without a request
    const succeeded = (await events.recordForJob((await jobs.transition(row.id, { from: ['running'], to: 'succeeded' }))!))!;
    expect(await run(succeeded)).toEqual({ outcome: 'gone' });

    expect(sent).toEqual([submitted]);
    const deliveries = await events.listForJob(row.id);
    expect(deliveries.map((d) => [d.type, d.status, d.attempt_count])).toEqual([
      ['job.submitted', 'gone', 1], ['job.running', 'gone', 0], ['job.succeeded', 'gone', 0],
    ]);
    expect(deliveries[1]!.last_error).toMatch(/410 Gone/);
  });

  it('still sends an event an operator asks to redeliver, and events of other jobs', async () => {
    const events = new WebhookEventRepository(db.pool);
    const jobs = new JobRepository(db.pool);
    const row = await submittedJob(URL_A);
    const submitted = (await events.recordForJob(row))!;
    const running = (await events.recordForJob((await jobs.transition(row.id, { from: ['submitted'], to: 'running' }))!))!;
    await run(submitted);
    await run(running);
    const other = (await events.recordForJob(await submittedJob(URL_A)))!;

    answer = { outcome: 'delivered', statusCode: 204, latencyMs: 2, error: null };
    expect(await run(other)).toEqual({ outcome: 'delivered' });
    await events.requestRedelivery(running);
    expect(await run(running)).toEqual({ outcome: 'delivered' });
    expect(sent).toEqual([submitted, other, running]);
  });
});
