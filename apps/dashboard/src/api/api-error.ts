import type { Problem } from './types';

/** Problem details as far as an error answer gave them (a proxy in between may send none). */
export type ProblemAnswer = Partial<Problem>;

/**
 * `unauthorized`: the key was refused (401) — the page goes back to sign-in.
 * `down`: no answer, or a 5xx — the API or one of its stores is away; retrying may help.
 * `problem`: any other error answer, with its problem details.
 */
export type ApiErrorKind = 'unauthorized' | 'down' | 'problem';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly problem: ProblemAnswer | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any thrown value as an ApiError, so components handle one type. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('down', err instanceof Error ? err.message : String(err));
}
