import type { Redis } from 'ioredis';
import { Queue, type ConnectionOptions } from 'bullmq';
import {
  JOB_NAMES,
  QUEUE_NAMES,
  stopJobOptions,
  submitJobOptions,
  webhookJobOptions,
  type CancelPayload,
  type PollPayload,
  type SubmitPayload,
  type WebhookPayload,
} from './catalog';
import { redisKeys } from './redis-keys';

export interface JobgateQueuesOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix; default `jobgate`. */
  prefix?: string;
  /** BullMQ attempts for submit jobs (infrastructure failures); default 8. */
  submitMaxAttempts?: number;
  /** Queue connection errors (Redis away); without a listener BullMQ prints them to the console. */
  onError?: (err: Error) => void;
}

// One id for every replica: upserting it again only updates the interval, so there is one tick per interval.
const POLL_SCHEDULER_ID = 'status-poll';

/** The producer side of every queue, typed by payload. */
export class JobgateQueues {
  readonly submit: Queue<SubmitPayload>;
  readonly cancel: Queue<CancelPayload>;
  readonly webhook: Queue<WebhookPayload>;
  readonly poll: Queue<PollPayload>;
  readonly prefix: string;
  private readonly submitMaxAttempts: number;
  private readonly connection: ConnectionOptions;

  constructor(options: JobgateQueuesOptions) {
    this.prefix = options.prefix ?? 'jobgate';
    this.connection = options.connection;
    this.submitMaxAttempts = options.submitMaxAttempts ?? 8;
    const common = { connection: options.connection, prefix: this.prefix };
    this.submit = new Queue<SubmitPayload>(QUEUE_NAMES.submit, common);
    this.cancel = new Queue<CancelPayload>(QUEUE_NAMES.cancel, common);
    this.webhook = new Queue<WebhookPayload>(QUEUE_NAMES.webhook, common);
    this.poll = new Queue<PollPayload>(QUEUE_NAMES.poll, common);
    const onError = options.onError ?? (() => undefined);
    for (const queue of this.all()) queue.on('error', onError);
  }

  /** Every queue, for dashboards and depth gauges. */
  all(): Queue[] {
    return [this.submit, this.cancel, this.webhook, this.poll] as Queue[];
  }

  /** Pauses the whole submit queue for every worker (BullMQ's manual rate limit). */
  pauseSubmits(ms: number): Promise<void> {
    return this.submit.rateLimit(ms);
  }

  /**
   * One poll tick per interval across every replica (the scheduler id is shared). Re-created when
   * Redis lost it (a flush, an empty failover); left alone otherwise, so ticks keep their rhythm.
   */
  async ensurePollScheduler(everyMs: number): Promise<boolean> {
    const existing = await this.poll.getJobScheduler(POLL_SCHEDULER_ID);
    if (existing && existing.every === everyMs) {
      // A scheduler always has its next tick delayed, waiting or running; a failover that loses the
      // last writes can keep the scheduler and lose that tick, and polling would stop for good.
      if ((await this.poll.getJobCountByTypes('delayed', 'waiting', 'prioritized', 'active')) > 0) return false;
      await this.poll.removeJobScheduler(POLL_SCHEDULER_ID);
    }
    await this.poll.upsertJobScheduler(
      POLL_SCHEDULER_ID,
      { every: everyMs },
      {
        name: JOB_NAMES.pollTick,
        data: {},
        opts: { removeOnComplete: true, removeOnFail: true },
      },
    );
    return true;
  }

  /**
   * True once after Redis lost jobgate's keys (a flush, a failover to an empty replica): the caller
   * then rebuilds the queues from PostgreSQL. The first call on a fresh Redis also answers true.
   */
  async wasWiped(): Promise<boolean> {
    const client = (await this.submit.backend.client) as unknown as Redis;
    return (await client.set(redisKeys.sentinel(this.prefix), '1', 'NX')) === 'OK';
  }

  /** Job id = record id, so adding the same job twice is a no-op. Fails fast when Redis is down. */
  async enqueueSubmit(payload: SubmitPayload): Promise<void> {
    await this.assertConnected();
    await this.submit.add(JOB_NAMES.submit, payload, { ...submitJobOptions(this.submitMaxAttempts), jobId: payload.jobId });
  }

  /**
   * BullMQ waits for a connection before sending a command, however long Redis is away; a producer
   * answering an HTTP request must instead fail at once so the caller gets a 503. A connection that
   * is still being set up for the first time gets a short grace period.
   */
  async assertConnected(graceMs = 2_000): Promise<void> {
    const redis = this.connection as { status?: string; once?: (event: string, fn: () => void) => void };
    if (redis.status === undefined || redis.status === 'ready') return;
    if (['wait', 'connecting', 'connect'].includes(redis.status) && redis.once) {
      const ready = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), graceMs);
        redis.once!('ready', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (ready) return;
    }
    throw new Error(`Redis is not connected (${redis.status})`);
  }

  async enqueueSubmitBulk(payloads: SubmitPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.assertConnected();
    const opts = submitJobOptions(this.submitMaxAttempts);
    await this.submit.addBulk(payloads.map((p) => ({ name: JOB_NAMES.submit, data: p, opts: { ...opts, jobId: p.jobId } })));
  }

  /**
   * Makes sure each record that should be in the submit queue is there: adds missing jobs, retries
   * ones BullMQ gave up on. Run at start-up and periodically; returns how many needed repair.
   */
  async ensureSubmitted(payloads: SubmitPayload[]): Promise<number> {
    let repaired = 0;
    // Existence and failed-state checks are pipelined: reconciling 100,000 waiting jobs costs a few
    // round trips and no Job objects, instead of two calls per job.
    for (let i = 0; i < payloads.length; i += 1_000) {
      const chunk = payloads.slice(i, i + 1_000);
      const client = (await this.submit.backend.client) as unknown as Redis;
      const pipeline = client.pipeline();
      for (const p of chunk) pipeline.exists(this.submit.toKey(p.jobId)).zscore(this.submit.toKey('failed'), p.jobId);
      const answers = (await pipeline.exec()) ?? [];
      const missing: SubmitPayload[] = [];
      for (const [k, p] of chunk.entries()) {
        if (Number(answers[2 * k]?.[1]) === 0) missing.push(p);
        else if (answers[2 * k + 1]?.[1] !== null) {
          await (await this.submit.getJob(p.jobId))?.retry('failed');
          repaired++;
        }
      }
      await this.enqueueSubmitBulk(missing);
      repaired += missing.length;
    }
    return repaired;
  }

  /** Removes a waiting submit job; false when a worker already holds it. */
  async removeSubmit(jobId: string): Promise<boolean> {
    // BullMQ would wait for Redis forever; removal is tidiness, so it must not hold a request.
    await this.assertConnected();
    const job = await this.submit.getJob(jobId);
    if (!job) return true;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // locked by a worker
    }
  }

  /**
   * Queues stop calls. Each stop request has its own key (its outbox entry), so a repeated cancel
   * queues a new stop even while an earlier one failed or is kept, and a re-published entry is a no-op.
   */
  async enqueueStops(requests: readonly (CancelPayload & { requestKey: string })[]): Promise<void> {
    if (requests.length === 0) return;
    await this.cancel.addBulk(
      requests.map(({ requestKey, ...payload }) => ({
        name: JOB_NAMES.cancel,
        data: payload,
        opts: { ...stopJobOptions(), jobId: `stop-${payload.jobId}-${requestKey}` },
      })),
    );
  }

  /**
   * Queues the delivery of stored webhook events. Job id = event id: one queue job per event, so
   * enqueueing an event twice is a no-op and its retries all live in that one job.
   */
  async enqueueWebhooks(eventIds: readonly string[], options: { requestId?: string | null } = {}): Promise<void> {
    if (eventIds.length === 0) return;
    const opts = webhookJobOptions();
    await this.webhook.addBulk(
      eventIds.map((eventId) => ({
        name: JOB_NAMES.webhook,
        data: { eventId, requestId: options.requestId ?? null },
        opts: { ...opts, jobId: eventId },
      })),
    );
  }

  /**
   * Makes an event's queue job run now (a redelivery, the next event of a job once the previous one
   * is settled, a lost entry): promotes it when delayed, revives it when failed or gone, and leaves
   * it alone when it is waiting or running (it will read the event's new state then).
   */
  async nudgeWebhook(eventId: string, options: { requestId?: string | null } = {}): Promise<void> {
    const job = await this.webhook.getJob(eventId);
    if (!job) return this.enqueueWebhooks([eventId], options);
    const state = await job.getState();
    try {
      if (state === 'delayed') await job.promote();
      else if (state === 'failed') await job.retry('failed');
      else if (state === 'completed') {
        await job.remove();
        await this.enqueueWebhooks([eventId], options);
      }
    } catch {
      // The job changed state meanwhile (a worker took it): it reads the event's state when it runs.
    }
  }

  /**
   * The account's quota as the list call last reported it, shared by every role (the poller lists
   * every tick; a worker or api lists when it has no fresh value). Null when nobody has listed for an
   * hour (the key expires) or Redis holds none.
   */
  async readAccountQuota(): Promise<AccountQuota | null> {
    const client = (await this.submit.backend.client) as unknown as Redis;
    const h = await client.hgetall(redisKeys.accountQuota(this.prefix));
    if (!h.observedAtMs) return null;
    return { quotas: nullableNumber(h.quotas), jobCountLimit: nullableNumber(h.jobCountLimit), observedAtMs: Number(h.observedAtMs) };
  }

  async writeAccountQuota(quota: AccountQuota): Promise<void> {
    const client = (await this.submit.backend.client) as unknown as Redis;
    const key = redisKeys.accountQuota(this.prefix);
    await client
      .multi()
      .hset(key, { quotas: String(quota.quotas ?? ''), jobCountLimit: String(quota.jobCountLimit ?? ''), observedAtMs: String(quota.observedAtMs) })
      .pexpire(key, 3_600_000)
      .exec();
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
  }
}

/** `quotas` and `job_count_limit` of ModelArts' list call (reference §6.3), and when they were read. */
export interface AccountQuota {
  quotas: number | null;
  jobCountLimit: number | null;
  observedAtMs: number;
}

function nullableNumber(text: string | undefined): number | null {
  return text === undefined || text === '' ? null : Number(text);
}
