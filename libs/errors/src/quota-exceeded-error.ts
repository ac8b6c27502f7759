import { JobgateError } from './jobgate-error';

/** A team's own quota refuses more work now (`max_queued_jobs`); retry once some of it has started. */
export class QuotaExceededError extends JobgateError {
  constructor(
    message: string,
    readonly limit: number,
    readonly current: number,
    code = 'team_queue_full',
  ) {
    super(message, { code, retryable: true });
  }
}
