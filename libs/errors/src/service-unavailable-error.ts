import { JobgateError } from './jobgate-error';

/** A dependency (Redis, PostgreSQL) is down; the client may retry. */
export class ServiceUnavailableError extends JobgateError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'service_unavailable', retryable: true, cause });
  }
}
