import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { CancelRepository } from './cancel.repository';
import { JobRepository } from './job.repository';
import { SubmissionRepository } from './submission.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEventRepository } from './webhook-event.repository';

const job = (name: string) => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });
const ok = { statusCode: 200, latencyMs: 12, error: null };

describe('webhook events and deliveries (PostgreSQL)', () => {
  let db: FreshDatabase;
  let jobs: JobRepository;
  let events: WebhookEventRepository;
  let deliveries: WebhookDeliveryRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    jobs = new JobRepository(db.pool);
    events = new WebhookEventRepository(db.pool, { defaultUrl: 'https://default.example/hook' });
    deliveries = new WebhookDeliveryRepository(db.pool);
  });
  afterEach(() => db.drop());

  async function submittedJob(name: string, webhookUrl: string | null = 'https://team.example/hook') {
    const { job: created } = await jobs.create({ trainingJob: job(name), webhookUrl });
    const subs = new SubmissionRepository(db.pool);
    await subs.claim(created.id, 100);
    return (await subs.markSubmitted(created.id, { jobId: '1', versionId: '2', versionName: 'V0001', resourceId: null, status: 1, statusName: 'JOBSTAT_INIT', createTime: Date.now() }))!;
  }

  it('records each lifecycle event once, with the exact payload bytes, to the job URL or the default one', async () => {
    const row = await submittedJob('a');
    const id = await events.recordForJob(row);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await events.recordForJob(row)).toBeNull(); // idempotent
    const [delivery] = await events.listForJob(row.id);
    expect(delivery).toMatchObject({ id, type: 'job.submitted', url: 'https://team.example/hook', status: 'pending', attempts: [] });
    expect(delivery!.payload).toMatchObject({ type: 'job.submitted', data: { id: row.id, status: 'submitted' } });
    const other = await submittedJob('b', null);
    await events.recordForJob(other);
    expect((await events.listForJob(other.id))[0]!.url).toBe('https://default.example/hook');
    expect(await new WebhookEventRepository(db.pool).recordForJob(await submittedJob('c', null))).toBeNull();
  });

  it('holds an event back until the earlier events of its job are settled, and leases what it hands out', async () => {
    const row = await submittedJob('order');
    const first = (await events.recordForJob(row))!;
    const running = (await jobs.transition(row.id, { from: ['submitted'], to: 'running' }))!;
    const second = (await events.recordForJob(running))!;
    expect(await deliveries.claim(second, 30_000)).toMatchObject({ kind: 'blocked', by: first });
    expect(await deliveries.claim(first, 30_000)).toMatchObject({ kind: 'claimed' });
    expect(await deliveries.claim(first, 30_000)).toMatchObject({ kind: 'locked' });
    expect(await deliveries.recordAttempt(first, { statusCode: 500, latencyMs: 5, error: 'HTTP 500', status: 'pending', retryInMs: 60_000 })).toBe(1);
    expect(await deliveries.claim(first, 30_000)).toMatchObject({ kind: 'not_due', retryInMs: expect.any(Number) });
    expect(await deliveries.successor({ ordering_key: `job:${row.id}`, seq: '0' })).toBe(first);
    await deliveries.recordAttempt(first, { ...ok, status: 'delivered' });
    expect(await deliveries.claim(first, 30_000)).toEqual({ kind: 'done', status: 'delivered' });
    expect(await deliveries.claim(second, 30_000)).toMatchObject({ kind: 'claimed' });
    const [d1] = await events.listForJob(row.id);
    expect(d1!.attempts.map((a) => a.status_code)).toEqual([500, 200]);
  });

  it('redelivery makes a settled event due again with a fresh schedule run and the same id', async () => {
    const row = await submittedJob('again');
    const id = (await events.recordForJob(row))!;
    await deliveries.claim(id, 30_000);
    await deliveries.recordAttempt(id, { ...ok, status: 'delivered' });
    expect(await events.requestRedelivery(id)).toMatchObject({ id, status: 'pending', attempt_count: 1 });
    const claim = await deliveries.claim(id, 30_000);
    expect(claim.kind === 'claimed' && claim.event.run_start_attempts).toBe(1);
    expect(await events.requestRedelivery('msg_00000000000000000000000000000000')).toBeNull();
  });

  it('finds overdue events whose queue entry was lost, first in order only', async () => {
    const row = await submittedJob('lost');
    const first = (await events.recordForJob(row))!;
    await events.recordForJob((await jobs.transition(row.id, { from: ['submitted'], to: 'running' }))!);
    await db.pool.query("UPDATE webhook_events SET next_attempt_at = now() - interval '1 minute'");
    expect(await deliveries.overdue(30_000)).toEqual([{ id: first, attempts: 0 }]);
  });
});

describe('CancelRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  beforeEach(async () => { db = await freshDatabase(); });
  afterEach(() => db.drop());

  it('cancels queued jobs at once, flags submitting ones, moves submitted ones to canceling, refuses ended ones', async () => {
    const jobs = new JobRepository(db.pool);
    const events = new WebhookEventRepository(db.pool, { defaultUrl: 'https://default.example/hook' });
    const cancels = new CancelRepository(db.pool, events);
    const subs = new SubmissionRepository(db.pool);
    const queued = (await jobs.create({ trainingJob: job('q') })).job;
    const result = await cancels.requestCancel(queued.id);
    expect(result).toMatchObject({ kind: 'canceled', row: { status: 'canceled' }, eventIds: [expect.stringMatching(/^msg_/)] });
    expect(await cancels.requestCancel(queued.id)).toMatchObject({ kind: 'terminal' });

    const submitting = (await jobs.create({ trainingJob: job('s') })).job;
    await subs.claim(submitting.id, 10);
    expect(await cancels.requestCancel(submitting.id)).toMatchObject({ kind: 'flagged', row: { status: 'submitting' } });
    const created = (await subs.markSubmitted(submitting.id, { jobId: '1', versionId: '2', versionName: null, resourceId: null, status: 1, statusName: null, createTime: Date.now() }))!;
    expect(created.cancel_requested_at).not.toBeNull();
    expect(await cancels.stopIfRequested(created)).toMatchObject({ status: 'canceling' });
    expect(await cancels.requestCancel(submitting.id)).toMatchObject({ kind: 'already' });
    expect(await cancels.requestCancel('00000000-0000-0000-0000-000000000000')).toEqual({ kind: 'not_found' });
  });
});
