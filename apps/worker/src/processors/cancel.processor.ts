import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '@jobgate/logging';
import { classify, ModelArtsError, ThrottledError, type ModelArtsClient } from '@jobgate/modelarts';
import type { CancelPayload } from '@jobgate/queues';
import { PENDING_TIMEOUT_ERROR, type JobRepository, type JobRow } from '@jobgate/store';

export interface CancelProcessorDeps {
  jobs: JobRepository;
  client: Pick<ModelArtsClient, 'stopVersion'>;
  logger: Logger;
  /** Wait after a 429 without Retry-After; default 5 s. */
  defaultThrottleMs?: number;
}

/** ModelArts.2796 NotAllowedToTerminate: the job already ended; 2775: it is gone. The poller records either. */
const ALREADY_OVER = new Set(['ModelArts.2796', 'ModelArts.2775']);

/**
 * jobs.stop: sends the ModelArts stop call for a `canceling` job (it becomes `canceled` when the
 * poller sees 12/13), or for one failed for pending too long, so it cannot start later unseen.
 */
export function cancelProcessor(deps: CancelProcessorDeps) {
  return async (job: Job<CancelPayload>, token?: string): Promise<{ outcome: string }> => {
    const row = await deps.jobs.getRow(job.data.jobId);
    const log = deps.logger.child({ jobId: job.data.jobId, requestId: job.data.requestId ?? undefined });
    if (!row || !needsStop(row)) return { outcome: `skipped:${row?.status ?? 'deleted'}` };
    try {
      await deps.client.stopVersion(row.modelarts_job_id!, row.modelarts_version_id!);
    } catch (err) {
      if (err instanceof ModelArtsError && ALREADY_OVER.has(err.errorCode)) {
        log.info({ errorCode: err.errorCode }, 'stop not needed: the ModelArts job already ended');
        return { outcome: 'already_over' };
      }
      const kind = classify(err);
      if (kind === 'throttled') {
        // Throttling says nothing about the call: wait as asked without using up an attempt.
        await job.moveToDelayed(Date.now() + ((err as ThrottledError).retryAfterMs ?? deps.defaultThrottleMs ?? 5_000), token);
        throw new DelayedError();
      }
      if (kind === 'transient') throw err; // BullMQ retries with the queue's exponential backoff
      log.error({ err }, 'ModelArts refused the stop call; the job stays canceling until ModelArts ends it');
      throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    }
    await deps.jobs.transition(row.id, { from: [row.status], to: row.status, reason: 'stop sent to ModelArts', logSameStatus: true });
    log.info({ modelartsJobId: row.modelarts_job_id }, 'stop sent to ModelArts');
    return { outcome: 'stopped' };
  };
}

function needsStop(row: JobRow): boolean {
  if (!row.modelarts_job_id || !row.modelarts_version_id) return false;
  return row.status === 'canceling' || (row.status === 'failed' && row.error_code === PENDING_TIMEOUT_ERROR);
}
