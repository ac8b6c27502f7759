/** Thrown to BullMQ to retry a job after `delayMs` (read by the `jobgate` backoff strategy). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'RetryLaterError';
  }
}

/** BullMQ backoff strategy: the processor's chosen delay, else capped exponential for infrastructure errors. */
export function jobgateBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  if (err instanceof RetryLaterError) return err.delayMs;
  return Math.min(1_000 * 2 ** Math.max(0, attemptsMade - 1), 60_000);
}
