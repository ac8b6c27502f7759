export interface JobgateErrorOptions {
  /** Stable, machine-readable code (`not_found`, `ModelArts.0103`, …). */
  code: string;
  /** Whether trying the same thing again later may succeed. Default: false. */
  retryable?: boolean;
  cause?: unknown;
}

/** The one base error: every error jobgate raises on purpose carries a stable code and a retry hint. */
export class JobgateError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, options: JobgateErrorOptions) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retryable = options.retryable ?? false;
  }
}
