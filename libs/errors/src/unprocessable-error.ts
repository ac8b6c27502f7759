import { JobgateError } from './jobgate-error';

/** Well-formed but unacceptable (an Idempotency-Key reused with a different body). */
export class UnprocessableError extends JobgateError {
  constructor(message: string, code = 'unprocessable') {
    super(message, { code });
  }
}
