import { JobgateError } from './jobgate-error';

/** A shared budget is spent for now (ModelArts' read window, or ModelArts throttling us); retry after `retryAfterSec`. */
export class TooManyRequestsError extends JobgateError {
  constructor(
    message: string,
    readonly retryAfterSec: number,
    code = 'too_many_requests',
  ) {
    super(message, { code, retryable: true });
  }
}
