import { JobgateError } from '@jobgate/errors';

export interface ModelArtsErrorOptions {
  /** HTTP status of the answer; null when no answer arrived (network failure, timeout). */
  httpStatus: number | null;
  /** ModelArts/APIG `error_code` (`ModelArts.0103`, `APIG.0308`), `http.<status>` or `network.<reason>`. */
  errorCode: string;
  /** ModelArts `error_message` / `error_msg`, or a description of the failure. */
  errorMessage: string;
  /** Whether the same call may succeed later. */
  retryable: boolean;
  /** True when the request may have reached ModelArts and been acted on (see `outcomeUnknown`). */
  outcomeUnknown: boolean;
  /** Delay the answer asked for in `Retry-After` (429, 5xx); null or left out when it sent none. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

/**
 * Any failed ModelArts (or IAM) call. `code` equals `errorCode`, so jobs failed permanently keep the
 * ModelArts `error_code`.
 */
export class ModelArtsError extends JobgateError {
  readonly httpStatus: number | null;
  readonly errorCode: string;
  readonly errorMessage: string;
  /**
   * True when ModelArts may have received and executed the request although we saw no success:
   * a timeout after sending, a connection reset or closed before the answer, any 5xx. A retried create
   * may then meet `ModelArts.0103` for its own job. False when the request provably never arrived
   * (connection refused, DNS failure) and for 4xx answers.
   */
  readonly outcomeUnknown: boolean;
  /** The server's `Retry-After` as a delay; a retry should wait at least this long. Null when none was sent. */
  readonly retryAfterMs: number | null;

  constructor(options: ModelArtsErrorOptions) {
    const status = options.httpStatus === null ? '' : ` (HTTP ${options.httpStatus})`;
    super(`${options.errorCode}: ${options.errorMessage}${status}`, {
      code: options.errorCode,
      retryable: options.retryable,
      cause: options.cause,
    });
    this.httpStatus = options.httpStatus;
    this.errorCode = options.errorCode;
    this.errorMessage = options.errorMessage;
    this.outcomeUnknown = options.outcomeUnknown;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
