import type { ApiError } from '../api/api-error';

/**
 * A refused form's problems by field (`weight` → "must be an integer from 1 to 1000"), for messages
 * next to the inputs; problems of the body as a whole come under ''.
 */
export function fieldErrors(error: ApiError | null): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of error?.problem?.errors ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    byField[field] = byField[field] ? `${byField[field]}; ${issue.message}` : issue.message;
  }
  return byField;
}

/** A number field's text as the API expects it: absent when blank, a number when it reads as one, else as typed (the API names the field). */
export function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}
