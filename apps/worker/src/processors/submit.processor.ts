import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { RetryLaterError, type SubmitPayload, type SubmitSystem } from '@jobgate/lifecycle';


export interface SubmitProcessorDeps {
  submit: SubmitSystem;
  /** Pauses the whole submit queue (BullMQ manual rate limit) for all workers. */
  pauseQueue: (ms: number) => Promise<void>;
}

/** jobs.submit: the lifecycle decides; this turns its verdict into what BullMQ does with the job next. */
export function submitProcessor(deps: SubmitProcessorDeps) {
  return async (job: Job<SubmitPayload>, token?: string): Promise<{ outcome: string }> => {
    const verdict = await deps.submit.process(job.data.jobId, job.data.requestId ?? null);
    switch (verdict.kind) {
      case 'done':
        return { outcome: verdict.outcome };
      case 'wait_for_slot':
        // To the delayed set, not back to the head of the line: jobs that hold slots must get their turn.
        await job.moveToDelayed(Date.now() + verdict.delayMs, token);
        throw new DelayedError();
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
