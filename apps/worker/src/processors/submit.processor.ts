import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { RetryLaterError, type SubmitPayload, type SubmitSystem } from '@jobgate/lifecycle';

export interface SubmitProcessorDeps {
  submit: SubmitSystem;
  /** Pauses the whole submit queue (BullMQ manual rate limit) for all workers. */
  pauseQueue: (ms: number) => Promise<void>;
}

/** jobs.submit: the lifecycle decides; this turns its verdict into what BullMQ does with the job next. */
export function submitProcessor(deps: SubmitProcessorDeps) {
  return async (job: Job<SubmitPayload>): Promise<{ outcome: string }> => {
    const verdict = await deps.submit.process(job.data.jobId, job.data.requestId ?? null);
    switch (verdict.kind) {
      case 'done':
        return { outcome: verdict.outcome };
      case 'throttled':
        await deps.pauseQueue(verdict.pauseMs);
        throw Worker.RateLimitError();
      case 'retry':
        throw new RetryLaterError(verdict.reason, verdict.delayMs);
      case 'failed':
        throw new UnrecoverableError(verdict.reason);
    }
  };
}
