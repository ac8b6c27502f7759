import { hideReportToken, isTerminal, type JobRecord, type SweepSummary } from '@jobgate/contracts';
import { ConflictError, NotFoundError } from '@jobgate/errors';
import type { JobSnapshot } from '@jobgate/store';
import { confinedTo, type Caller } from './caller';
import { runIntent, type IntentContext } from './intent-context';
import type { SweepSystem } from './sweep.system';

/**
 * `canceled`: ended here, it never reaches ModelArts. `flagged`: being submitted; whoever records
 * the create's outcome stops it. `stopping`: a stop call is queued (a repeat re-arms it).
 */
export type CancelOutcome = 'canceled' | 'flagged' | 'stopping';

// Each retry follows a concurrent status change; a job has only a handful of statuses to pass through.
const MAX_RACES = 8;

/** Cancellation is a durable intent: recorded in PostgreSQL, honoured by every path that meets the job. */
export class CancelSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly sweeps: SweepSystem,
  ) {}

  /** Cancels a job; NotFoundError for an unknown one, ConflictError once it has ended. */
  async cancelJob(id: string, options: { caller: Caller; reason?: string; requestId?: string | null }): Promise<{ outcome: CancelOutcome; job: JobRecord }> {
    const reason = options.reason ?? 'cancel requested';
    const team = confinedTo(options.caller);
    for (let race = 0; race < MAX_RACES; race++) {
      const job = await this.ctx.store.jobs.getSnapshot(id);
      // Another team's job is as unknown as one that does not exist.
      if (!job || (team !== undefined && job.teamId !== team)) throw new NotFoundError('job', id);
      if (isTerminal(job.status)) throw new ConflictError(`job ${id} has already ended (${job.status}); there is nothing to cancel`, 'job_terminal');
      const done = await this.step(job, reason, options.requestId ?? job.requestId);
      if (done) {
        this.ctx.logger.info({ jobId: id, requestId: options.requestId ?? undefined, outcome: done.outcome, status: done.job.status }, 'cancel requested');
        return { outcome: done.outcome, job: hideReportToken(done.job.record) };
      }
    }
    throw new Error(`job ${id} kept changing status while it was being canceled`);
  }

  /**
   * Cancels a sweep: pending and queued trials end here, trials in ModelArts get a stop call, and the
   * sweep ends once they have. NotFoundError for an unknown sweep, ConflictError for one that ended.
   */
  async cancelSweep(id: string, options: { caller: Caller; requestId?: string | null }): Promise<SweepSummary> {
    if (!(await this.ctx.store.sweeps.get(id, confinedTo(options.caller)))) throw new NotFoundError('sweep', id);
    const canceled = await this.ctx.store.sweeps.cancel(id);
    if (!canceled) throw new NotFoundError('sweep', id);
    // Canceled in PostgreSQL already, so a worker that picks one up skips it; removal is tidiness.
    await Promise.all(canceled.dequeued.map((jobId) => this.ctx.queues.removeSubmit(jobId).catch(() => false)));
    for (const jobId of canceled.needStop) {
      await this.cancelJob(jobId, { caller: options.caller, reason: 'sweep canceled', requestId: options.requestId }).catch((err) => {
        if (!(err instanceof ConflictError)) throw err; // the trial ended meanwhile: nothing to stop
      });
    }
    await this.sweeps.finish(id);
    return (await this.ctx.store.sweeps.get(id))!;
  }

  private async step(job: JobSnapshot, reason: string, requestId: string | null): Promise<{ outcome: CancelOutcome; job: JobSnapshot } | null> {
    switch (job.status) {
      case 'pending':
      case 'queued': {
        const canceled = await runIntent(this.ctx, async (it) => {
          const after = await it.tx.cancels.markCanceled(job.id, job.status, reason);
          if (after) await it.announce(job, after);
          return after;
        });
        if (canceled) await this.ctx.queues.removeSubmit(job.id).catch(() => false);
        return canceled && { outcome: 'canceled', job: canceled };
      }
      case 'submitting': {
        const flagged = await this.ctx.store.cancels.flagCancel(job.id, reason);
        return flagged && { outcome: 'flagged', job: flagged };
      }
      case 'submitted':
      case 'running':
      case 'canceling':
        return runIntent(this.ctx, async (it) => {
          const after = job.status === 'canceling' ? job : await it.tx.cancels.markCanceling(job.id, job.status, reason);
          if (!after) return null;
          // A new stop entry each time: a repeated cancel re-arms a stop that failed.
          it.follow({ kind: 'stop', ref: job.id, requestId });
          return { outcome: 'stopping' as const, job: after };
        });
      default:
        return null;
    }
  }
}
