import { JobgateError } from '@jobgate/errors';
import { AuthError } from './auth-error';
import { ThrottledError } from './throttled-error';

export type ErrorClass = 'throttled' | 'transient' | 'permanent' | 'auth';

/**
 * How a caller should react to an error from this client: pause the queue (`throttled`), retry with
 * backoff (`transient`), or fail the job (`permanent`, `auth`). Unknown errors are permanent so that
 * a bug never turns into a retry loop.
 */
export function classify(err: unknown): ErrorClass {
  if (err instanceof ThrottledError) return 'throttled';
  if (err instanceof AuthError) return 'auth';
  if (err instanceof JobgateError && err.retryable) return 'transient';
  return 'permanent';
}
