import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { CancelPayload, StopSystem } from '@jobgate/lifecycle';

/** jobs.stop: the lifecycle sends the stop call; throttling waits without using up an attempt. */
export function cancelProcessor(deps: { stops: StopSystem }) {
  return async (job: Job<CancelPayload>, token?: string): Promise<{ outcome: string }> => {
    const verdict = await deps.stops.process(job.data.jobId, job.data.requestId ?? null);
    switch (verdict.kind) {
      case 'done':
        return { outcome: verdict.outcome };
      case 'throttled':
        await job.moveToDelayed(Date.now() + verdict.delayMs, token);
        throw new DelayedError();
      case 'transient':
        throw verdict.error; // BullMQ retries with the queue's exponential backoff
      case 'refused':
        throw new UnrecoverableError(verdict.reason);
    }
  };
}
