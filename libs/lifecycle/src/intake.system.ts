import type { CreateSweepRequest, JobRecord, PlannedTrial, SweepRecord, TrainingJobBody } from '@jobgate/contracts';
import { ConflictError, ServiceUnavailableError } from '@jobgate/errors';
import type { IdempotencyInput } from '@jobgate/store';
import { runIntent, type IntentContext } from './intent-context';

export interface AcceptJobInput {
  trainingJob: TrainingJobBody;
  labels?: Record<string, string>;
  webhookUrl?: string | null;
  requestId?: string | null;
}

export interface AcceptSweepInput {
  id: string;
  request: CreateSweepRequest;
  trials: PlannedTrial[];
  seed: number | null;
  requestId?: string | null;
}

export interface AcceptRerunInput {
  /** The job rerun: its ModelArts job gets the new version, derived from its version. */
  source: JobRecord;
  /** The new version's training_job: the source's with the requested changes (validated). */
  trainingJob: TrainingJobBody;
  requestId?: string | null;
}

export type AcceptResult = { kind: 'created'; job: JobRecord } | { kind: 'replayed'; job: JobRecord };

/** Accepting work: the record and the outbox entry that queues it commit together. */
export class IntakeSystem {
  constructor(private readonly ctx: IntentContext) {}

  /**
   * Stores a job (`queued`) with its submit entry, then publishes the entry. Redis known to be away
   * is a 503 before anything is stored; Redis failing after the commit only delays the job (the
   * relay publishes it), so an accepted job is never lost.
   */
  async acceptJob(input: AcceptJobInput, idempotency?: IdempotencyInput): Promise<AcceptResult> {
    await this.assertQueueUp();
    const result = await this.ctx.store.jobs.create(
      { trainingJob: input.trainingJob, labels: input.labels, webhookUrl: input.webhookUrl ?? null, requestId: input.requestId ?? null },
      idempotency,
    );
    if (result.kind === 'replayed') return result;
    await this.ctx.relay.publish(result.outbox);
    return { kind: 'created', job: result.job };
  }

  /**
   * Stores a rerun (`queued`) with its submit entry: a new jobgate job that, once submitted, is a new
   * version of the source's ModelArts job derived from the source's version, followed, cancelled and
   * reported like any job. It keeps the source's labels and webhook URL. ConflictError while the
   * source has no ModelArts version to derive from.
   */
  async acceptRerun(input: AcceptRerunInput, idempotency?: IdempotencyInput): Promise<AcceptResult> {
    const { source } = input;
    const ref = source.modelarts;
    if (!ref?.version_id) {
      throw new ConflictError(`job ${source.id} has no ModelArts version yet (it is ${source.status}); a rerun derives its version from one`, 'not_in_modelarts');
    }
    await this.assertQueueUp();
    const result = await this.ctx.store.jobs.create(
      {
        trainingJob: input.trainingJob, labels: source.labels, webhookUrl: source.webhook_url, requestId: input.requestId ?? null,
        rerun: { of: source.id, jobId: ref.job_id, preVersionId: ref.version_id },
      },
      idempotency,
    );
    if (result.kind === 'replayed') return result;
    await this.ctx.relay.publish(result.outbox);
    return { kind: 'created', job: result.job };
  }

  /** Stores a sweep and all its trials (`pending`) and releases the first `max_parallel` of them, in one transaction. */
  async acceptSweep(input: AcceptSweepInput): Promise<SweepRecord> {
    await this.assertQueueUp();
    return runIntent(this.ctx, async (it) => {
      const { sweep, released } = await it.tx.sweeps.create(input);
      for (const trial of released) it.follow({ kind: 'submit', ref: trial.jobId, requestId: trial.requestId });
      return sweep;
    });
  }

  private async assertQueueUp(): Promise<void> {
    try {
      await this.ctx.queues.assertConnected();
    } catch (err) {
      throw new ServiceUnavailableError('The job queue is unavailable; nothing was stored, please retry', err);
    }
  }
}
