import type { Logger } from 'pino';

/** The `onRetry` every role passes to retryWithBackoff while it waits for Redis or PostgreSQL. */
export function logRetry(logger: Logger) {
  return ({ what, attempt, delayMs, err }: { what: string; attempt: number; delayMs: number; err: unknown }): void => {
    logger.warn({ err, attempt, delayMs }, `${what} not reachable yet; retrying`);
  };
}
