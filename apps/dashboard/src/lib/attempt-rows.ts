/** One ModelArts create attempt, as an attempts endpoint may list it (mirrors the job_attempts table). */
export interface AttemptRow {
  attempt: number;
  startedAt: string | null;
  outcome: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * Reads `GET /v1/jobs/{id}/attempts` items defensively: the endpoint is newer than this page may
 * be, so both the table's column names and shorter ones are accepted, and unreadable items dropped.
 */
export function attemptRows(items: readonly unknown[]): AttemptRow[] {
  const rows: AttemptRow[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const a = item as Record<string, unknown>;
    if (typeof a.attempt !== 'number') continue;
    const error = a.error && typeof a.error === 'object' ? (a.error as Record<string, unknown>) : {};
    rows.push({
      attempt: a.attempt,
      startedAt: str(a.started_at) ?? str(a.at),
      outcome: str(a.outcome),
      httpStatus: typeof a.http_status === 'number' ? a.http_status : null,
      errorCode: str(a.error_code) ?? str(error.code),
      errorMessage: str(a.error_message) ?? str(error.message),
    });
  }
  return rows.sort((x, y) => x.attempt - y.attempt);
}

/** Accepts a bare array or `{items: [...]}`. */
export function listItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) return (body as { items: unknown[] }).items;
  return [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
