import type { Problem } from './types';

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
    readonly problem: Problem | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 404 for a route this API version does not have (as opposed to an unknown job). */
  get routeMissing(): boolean {
    return this.status === 404 && this.problem?.code === 'route_not_found';
  }
}

/** Any thrown value as an ApiError, so components handle one type. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('down', err instanceof Error ? err.message : String(err));
}
