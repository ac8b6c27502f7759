import { ModelArtsError, type ModelArtsErrorOptions } from './modelarts-error';

/**
 * Credentials were refused: by ModelArts/APIG (401, `APIG.0307` token must be updated,
 * `ModelArts.0202` token expired, …) or by IAM (wrong password). The client refreshes a token and
 * retries once before raising it; once raised it is permanent.
 */
export class AuthError extends ModelArtsError {
  constructor(options: Omit<ModelArtsErrorOptions, 'retryable' | 'outcomeUnknown'>) {
    super({ ...options, retryable: false, outcomeUnknown: false });
  }
}
