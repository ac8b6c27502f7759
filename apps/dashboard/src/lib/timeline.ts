import type { JobRecord } from '../api/types';

/** One step of a job's status history, oldest first. */
export interface TimelineEntry {
  at: string;
  status: string;
  /** ModelArts status code or a reason, when the source knows one. */
  detail: string | null;
}

/**
 * Entries from `GET /v1/jobs/{id}/events`. The endpoint is newer than this page may be, so every
 * field is read defensively (`to_status` as stored, or `status`/`to`) and unreadable items dropped.
 */
export function timelineFromEvents(items: readonly unknown[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const e = item as Record<string, unknown>;
    const status = firstString(e.to_status, e.status, e.to, e.type);
    const at = firstString(e.at, e.created_at, e.timestamp);
    if (!status || !at) continue;
    const code = typeof e.modelarts_status === 'number' ? `ModelArts status ${e.modelarts_status}` : null;
    entries.push({ at, status, detail: firstString(e.reason, e.detail) ?? code });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Without an events endpoint, the record's own timestamps tell the main steps. */
export function timelineFromRecord(job: JobRecord): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: job.created_at, status: job.sweep_id ? 'created' : 'queued', detail: null }];
  if (job.submitted_at) entries.push({ at: job.submitted_at, status: 'submitted', detail: job.modelarts ? `ModelArts job ${job.modelarts.job_id}` : null });
  if (job.started_at) entries.push({ at: job.started_at, status: 'running', detail: null });
  if (job.finished_at) entries.push({ at: job.finished_at, status: job.status, detail: job.error ? job.error.code : null });
  else if (!entries.some((e) => e.status === job.status)) entries.push({ at: job.updated_at, status: job.status, detail: null });
  return entries;
}

function firstString(...values: unknown[]): string | null {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return null;
}
