import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { CancelRepository } from './cancel.repository';
import { DispatchRepository } from './dispatch.repository';
import { JobRepository } from './job.repository';
import type { JobSnapshot } from './job-snapshot';
import { PollRepository } from './poll.repository';
import { SubmissionRepository } from './submission.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEventRepository } from './webhook-event.repository';

const job = (name: string) => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });
const ok = { statusCode: 200, latencyMs: 12, error: null };
const ref = { jobId: '1', versionId: '2', versionName: 'V0001', resourceId: null, status: 1, statusName: 'JOBSTAT_INIT', createTime: Date.now() };

/** The dispatcher's admission of the one waiting job `id` (`queued` → `submitting`). */
async function admit(db: FreshDatabase, id: string): Promise<void> {
  const admitted = await new DispatchRepository(db.pool, db.t).admit({ maxActive: 100, window: 100, policy: 'fair' });
  expect(admitted.map((a) => a.jobId)).toEqual([id]);
}

/** A job created in ModelArts, as a worker leaves it: admitted, one attempt, marked submitted. */
async function submitted(db: FreshDatabase, name: string, webhookUrl: string | null = 'https://team.example/hook'): Promise<JobSnapshot> {
  const { job: created } = await new JobRepository(db.pool, db.t).create({ trainingJob: job(name), webhookUrl });
  const subs = new SubmissionRepository(db.pool, db.t);
  await admit(db, created.id);
  const attempt = await subs.startAttempt(created.id);
  return (await subs.markSubmitted(created.id, attempt, ref))!;
}

/** What the poller applies when ModelArts reports the job running. */
async function running(db: FreshDatabase, before: JobSnapshot): Promise<JobSnapshot> {
  const after = await new PollRepository(db.pool, db.t).applyStatus(before, {
    to: 'running',
    code: 8,
    statusName: 'JOBSTAT_RUNNING',
    reason: 'ModelArts: running',
    started: true,
  });
  return after!;
}

describe('webhook events and deliveries (PostgreSQL)', () => {
  let db: FreshDatabase;
  let events: WebhookEventRepository;
  let deliveries: WebhookDeliveryRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    events = new WebhookEventRepository(db.pool, db.t, { defaultUrl: 'https://default.example/hook' });
    deliveries = new WebhookDeliveryRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  it('records each lifecycle event once, with the exact payload bytes, to the job URL or the default one', async () => {
    const row = await submitted(db, 'a');
    const id = await events.recordForJob(row);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await events.recordForJob(row)).toBeNull(); // idempotent
    const [delivery] = await events.listForJob(row.id);
    expect(delivery).toMatchObject({ id, type: 'job.submitted', url: 'https://team.example/hook', status: 'pending', attempts: [] });
    expect(delivery!.payload).toMatchObject({ type: 'job.submitted', data: { id: row.id, status: 'submitted' } });
    const other = await submitted(db, 'b', null);
    await events.recordForJob(other);
    expect((await events.listForJob(other.id))[0]!.url).toBe('https://default.example/hook');
    expect(await new WebhookEventRepository(db.pool, db.t).recordForJob(await submitted(db, 'c', null))).toBeNull();
  });

  it('holds an event back until the earlier events of its job are settled, and leases what it hands out', async () => {
    const row = await submitted(db, 'order');
    const first = (await events.recordForJob(row))!;
    const second = (await events.recordForJob(await running(db, row)))!;
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
    const row = await submitted(db, 'again');
    const id = (await events.recordForJob(row))!;
    await deliveries.claim(id, 30_000);
    await deliveries.recordAttempt(id, { ...ok, status: 'delivered' });
    expect(await events.requestRedelivery(id)).toMatchObject({ id, status: 'pending', attempt_count: 1 });
    const claim = await deliveries.claim(id, 30_000);
    expect(claim.kind === 'claimed' && claim.event.run_start_attempts).toBe(1);
    expect(await events.requestRedelivery('msg_00000000000000000000000000000000')).toBeNull();
  });

  it('finds overdue events whose queue entry was lost, first in order only', async () => {
    const row = await submitted(db, 'lost');
    const first = (await events.recordForJob(row))!;
    await events.recordForJob(await running(db, row));
    await db.pool.query(`UPDATE ${db.t.webhook_events} SET next_attempt_at = now() - interval '1 minute'`);
    expect(await deliveries.overdue(30_000)).toEqual([{ id: first, attempts: 0 }]);
  });
});

describe('CancelRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  let jobs: JobRepository;
  let cancels: CancelRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    jobs = new JobRepository(db.pool, db.t);
    cancels = new CancelRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  const timeline = async (id: string) =>
    (await db.pool.query(`SELECT from_status, to_status, reason FROM ${db.t.job_events} WHERE job_id = $1 ORDER BY id`, [id])).rows;

  it('ends a job that never reached ModelArts, only from the status the caller read', async () => {
    const queued = (await jobs.create({ trainingJob: job('q') })).job;
    expect(await cancels.markCanceled(queued.id, 'pending', 'user')).toBeNull(); // it is queued, not pending
    const canceled = await cancels.markCanceled(queued.id, 'queued', 'user');
    expect(canceled).toMatchObject({ status: 'canceled', cancelRequestedAt: expect.any(Date) });
    expect(canceled!.record.finished_at).not.toBeNull();
    expect(await cancels.markCanceled(queued.id, 'queued', 'user')).toBeNull(); // once
    expect(await timeline(queued.id)).toEqual([
      { from_status: null, to_status: 'queued', reason: 'accepted' },
      { from_status: 'queued', to_status: 'canceled', reason: 'user' },
    ]);
  });

  it('flags a job being submitted, which its create outcome then sees; moves a created one to canceling', async () => {
    const subs = new SubmissionRepository(db.pool, db.t);
    const j = (await jobs.create({ trainingJob: job('s') })).job;
    expect(await cancels.flagCancel(j.id, 'user')).toBeNull(); // still queued
    await admit(db, j.id);
    const attempt = await subs.startAttempt(j.id);
    const flagged = await cancels.flagCancel(j.id, 'user');
    expect(flagged).toMatchObject({ status: 'submitting', cancelRequestedAt: expect.any(Date) });
    expect(await cancels.flagCancel(j.id, 'again')).toMatchObject({ cancelRequestedAt: flagged!.cancelRequestedAt }); // the first request's time stays
    const created = (await subs.markSubmitted(j.id, attempt, ref))!;
    expect(created.cancelRequestedAt).toEqual(flagged!.cancelRequestedAt);
    expect(await cancels.markCanceling(j.id, 'running', 'user')).toBeNull();
    expect(await cancels.markCanceling(j.id, 'submitted', 'cancel requested during submission')).toMatchObject({ status: 'canceling' });
    await cancels.noteStopSent(j.id, 'canceling');
    expect((await timeline(j.id)).slice(2)).toEqual([
      { from_status: 'submitting', to_status: 'submitting', reason: 'user' },
      { from_status: 'submitting', to_status: 'submitting', reason: 'again' },
      { from_status: 'submitting', to_status: 'submitted', reason: 'created in ModelArts' },
      { from_status: 'submitted', to_status: 'canceling', reason: 'cancel requested during submission' },
      { from_status: 'canceling', to_status: 'canceling', reason: 'stop sent to ModelArts' },
    ]);
  });

  it('lists the jobs whose stop must be sent again: cancel requested, in ModelArts, not ended', async () => {
    const subs = new SubmissionRepository(db.pool, db.t);
    const inModelArts = async (name: string) => {
      const { job: j } = await jobs.create({ trainingJob: job(name), requestId: `req-${name}` });
      await admit(db, j.id);
      return (await subs.markSubmitted(j.id, await subs.startAttempt(j.id), ref))!;
    };
    const canceling = await inModelArts('c1');
    await cancels.markCanceling(canceling.id, 'submitted', 'user');
    const quiet = await inModelArts('c2'); // no cancel requested
    const ended = await inModelArts('c3');
    await cancels.markCanceling(ended.id, 'submitted', 'user');
    await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'canceled' WHERE id = $1`, [ended.id]);
    const neverCreated = (await jobs.create({ trainingJob: job('c4') })).job;
    await cancels.markCanceled(neverCreated.id, 'queued', 'user');
    expect(await cancels.awaitingStop()).toEqual([{ jobId: canceling.id, requestId: 'req-c1' }]);
    expect(quiet.status).toBe('submitted');
  });
});
