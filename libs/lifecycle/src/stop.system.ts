import { classify, ModelArtsError, ThrottledError } from '@jobgate/modelarts';
import type { JobSnapshot } from '@jobgate/store';
import { PENDING_TIMEOUT_ERROR } from './decide-status';
import { runIntent, type IntentContext } from './intent-context';

/** The ModelArts call stopping makes. */
export interface StopClient {
  stopVersion(jobId: string, versionId: string): Promise<void>;
}

/** `throttled`: try again after `delayMs` without using an attempt. `transient`: let the queue retry. */
export type StopVerdict =
  { kind: 'done'; outcome: string } | { kind: 'throttled'; delayMs: number } | { kind: 'transient'; error: unknown } | { kind: 'refused'; reason: string };

/** ModelArts.2796 NotAllowedToTerminate: the job already ended; 2775: it is gone. The poller records either. */
const ALREADY_OVER = new Set(['ModelArts.2796', 'ModelArts.2775']);

/**
 * jobs.stop: sends the ModelArts stop call for a job whose cancel was requested (it becomes
 * `canceled` when the poller sees 12/13), or for one failed for pending too long.
 */
export class StopSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly client: StopClient,
    private readonly defaultThrottleMs = 5_000,
  ) {}

  async process(jobId: string, requestId: string | null = null): Promise<StopVerdict> {
    const log = this.ctx.logger.child({ jobId, requestId: requestId ?? undefined });
    let job = await this.ctx.store.jobs.getSnapshot(jobId);
    if (job && (job.status === 'submitted' || job.status === 'running') && job.cancelRequestedAt) job = await this.toCanceling(job);
    if (!job || !needsStop(job)) return { kind: 'done', outcome: `skipped:${job?.status ?? 'deleted'}` };
    try {
      await this.client.stopVersion(job.modelarts!.jobId, job.modelarts!.versionId!);
    } catch (err) {
      if (err instanceof ModelArtsError && ALREADY_OVER.has(err.errorCode)) {
        log.info({ errorCode: err.errorCode }, 'stop not needed: the ModelArts job already ended');
        return { kind: 'done', outcome: 'already_over' };
      }
      const kind = classify(err);
      if (kind === 'throttled') return { kind: 'throttled', delayMs: (err as ThrottledError).retryAfterMs ?? this.defaultThrottleMs };
      if (kind === 'transient') return { kind: 'transient', error: err };
      log.error({ err }, 'ModelArts refused the stop call; the job stays canceling until ModelArts ends it');
      return { kind: 'refused', reason: err instanceof Error ? err.message : String(err) };
    }
    await this.ctx.store.cancels.noteStopSent(job.id, job.status);
    log.info({ modelartsJobId: job.modelarts!.jobId }, 'stop sent to ModelArts');
    return { kind: 'done', outcome: 'stopped' };
  }

  /** A cancel recorded on a job that is still submitted/running (e.g. flagged during its create): make it `canceling`. */
  private async toCanceling(job: JobSnapshot): Promise<JobSnapshot | null> {
    const after = await runIntent(this.ctx, (it) => it.tx.cancels.markCanceling(job.id, job.status, 'cancel requested'));
    return after ?? (await this.ctx.store.jobs.getSnapshot(job.id));
  }
}

function needsStop(job: JobSnapshot): boolean {
  if (!job.modelarts?.jobId || !job.modelarts.versionId) return false;
  return job.status === 'canceling' || (job.status === 'failed' && job.errorCode === PENDING_TIMEOUT_ERROR);
}
