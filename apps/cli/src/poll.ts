import { ApiProblemError, UnreachableError } from './api-errors';

export interface PollOptions<T> {
  /** Fetches the current state. */
  load(): Promise<T>;
  /** True once the state is final; polling stops there. */
  isDone(value: T): boolean;
  /** Called with the first state and after every poll (dedupe changes there). */
  onValue(value: T): void;
  intervalMs: number;
  sleep(ms: number): Promise<void>;
  /** Consecutive transient failures (unreachable, 5xx) tolerated before giving up; default 5. */
  maxTransientFailures?: number;
}

/**
 * Polls until `isDone`, starting from a state already fetched. A job may run for hours, so a
 * restarting API or a network blip must not end the wait: transient failures are retried.
 */
export async function pollUntil<T>(first: T, options: PollOptions<T>): Promise<T> {
  const maxFailures = options.maxTransientFailures ?? 5;
  let value = first;
  let failures = 0;
  options.onValue(value);
  while (!options.isDone(value)) {
    await options.sleep(options.intervalMs);
    try {
      value = await options.load();
      failures = 0;
    } catch (err) {
      if (!isTransient(err) || ++failures > maxFailures) throw err;
      continue;
    }
    options.onValue(value);
  }
  return value;
}

function isTransient(err: unknown): boolean {
  if (err instanceof UnreachableError) return true;
  return err instanceof ApiProblemError && (err.status >= 500 || err.status === 429);
}

/** Real time, for the CLI process; tests pass their own. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
