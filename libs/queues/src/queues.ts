import { Queue, type ConnectionOptions } from 'bullmq';
import { JOB_NAMES, QUEUE_NAMES, submitJobOptions, type CancelPayload, type SubmitPayload, type WebhookPayload } from './catalog';

export interface JobgateQueuesOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix; default `jobgate`. */
  prefix?: string;
  /** BullMQ attempts for submit jobs (infrastructure failures); default 8. */
  submitMaxAttempts?: number;
}

/** The producer side of every queue, typed by payload. */
export class JobgateQueues {
  readonly submit: Queue<SubmitPayload>;
  readonly cancel: Queue<CancelPayload>;
  readonly webhook: Queue<WebhookPayload>;
  readonly prefix: string;
  private readonly submitMaxAttempts: number;

  constructor(options: JobgateQueuesOptions) {
    this.prefix = options.prefix ?? 'jobgate';
    this.submitMaxAttempts = options.submitMaxAttempts ?? 8;
    const common = { connection: options.connection, prefix: this.prefix };
    this.submit = new Queue<SubmitPayload>(QUEUE_NAMES.submit, common);
    this.cancel = new Queue<CancelPayload>(QUEUE_NAMES.cancel, common);
    this.webhook = new Queue<WebhookPayload>(QUEUE_NAMES.webhook, common);
  }

  /** Job id = record id, so adding the same job twice is a no-op. */
  async enqueueSubmit(payload: SubmitPayload): Promise<void> {
    await this.submit.add(JOB_NAMES.submit, payload, { ...submitJobOptions(this.submitMaxAttempts), jobId: payload.jobId });
  }

  async enqueueSubmitBulk(payloads: SubmitPayload[]): Promise<void> {
    if (payloads.length === 0) return;
    const opts = submitJobOptions(this.submitMaxAttempts);
    await this.submit.addBulk(payloads.map((p) => ({ name: JOB_NAMES.submit, data: p, opts: { ...opts, jobId: p.jobId } })));
  }

  /** Removes a waiting submit job; false when a worker already holds it. */
  async removeSubmit(jobId: string): Promise<boolean> {
    const job = await this.submit.getJob(jobId);
    if (!job) return true;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // locked by a worker
    }
  }

  async enqueueCancel(payload: CancelPayload): Promise<void> {
    await this.cancel.add(JOB_NAMES.cancel, payload, {
      jobId: `cancel-${payload.jobId}`,
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.submit.close(), this.cancel.close(), this.webhook.close()]);
  }
}
