import type { CreateSweepRequest, JobRecord, PlannedTrial, SweepRecord, TrainingJobBody } from '@jobgate/contracts';
import { ServiceUnavailableError } from '@jobgate/errors';
import { idempotencyOwner, ownerOf, type Caller } from './caller';
import { runIntent, type IntentContext } from './intent-context';

export interface AcceptJobInput {
  /** The new job belongs to the caller's team (none for an operator). */
  caller: Caller;
  trainingJob: TrainingJobBody;
  labels?: Record<string, string>;
  webhookUrl?: string | null;
  requestId?: string | null;
}

export interface AcceptSweepInput {
  caller: Caller;
  id: string;
  request: CreateSweepRequest;
  trials: PlannedTrial[];
  seed: number | null;
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
  async acceptJob(input: AcceptJobInput, idempotency?: { key: string; requestHash: string }): Promise<AcceptResult> {
    await this.assertQueueUp();
    const result = await this.ctx.store.jobs.create(
      { trainingJob: input.trainingJob, labels: input.labels, webhookUrl: input.webhookUrl ?? null, requestId: input.requestId ?? null, team: ownerOf(input.caller) },
      idempotency && { ...idempotency, owner: idempotencyOwner(input.caller) },
    );
    if (result.kind === 'replayed') return result;
    await this.ctx.relay.publish(result.outbox);
    return { kind: 'created', job: result.job };
  }

  /** Stores a sweep and all its trials (`pending`) and releases the first `max_parallel` of them, in one transaction. */
  async acceptSweep(input: AcceptSweepInput): Promise<SweepRecord> {
    await this.assertQueueUp();
    return runIntent(this.ctx, async (it) => {
      const { sweep, released } = await it.tx.sweeps.create({ ...input, team: ownerOf(input.caller) });
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
