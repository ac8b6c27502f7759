import { JobgateError } from './jobgate-error';

/** ModelArts refused a read jobgate made on the caller's behalf, for a reason the caller cannot fix by retrying. */
export class UpstreamError extends JobgateError {
  constructor(message: string, code = 'modelarts_error', cause?: unknown) {
    super(message, { code, cause });
  }
}
