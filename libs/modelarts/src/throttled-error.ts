import { ModelArtsError, type ModelArtsErrorOptions } from './modelarts-error';

export interface ThrottledErrorOptions extends Omit<ModelArtsErrorOptions, 'retryable' | 'outcomeUnknown' | 'retryAfterMs'> {
  /** Delay the server asked for in `Retry-After`; null when it sent none (or an unreadable one). */
  retryAfterMs: number | null;
}

/**
 * ModelArts or its API gateway refused the call for rate reasons (HTTP 429, `APIG.0308`,
 * `ModelArts.4206|2799|6101`). Always retryable; a throttled request was not acted on.
 */
export class ThrottledError extends ModelArtsError {
  constructor(options: ThrottledErrorOptions) {
    super({ ...options, retryable: true, outcomeUnknown: false });
  }
}
