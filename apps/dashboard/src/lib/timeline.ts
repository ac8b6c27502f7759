import type { JobEventRecord, JobStatus } from '../api/types';

/** One step of a job's status history, oldest first. */
export interface TimelineEntry {
  at: string;
  status: JobStatus;
  /** Why the job moved, or the ModelArts status code it had. */
  detail: string | null;
}

/** The entries of `GET /v1/jobs/{id}/events` (already oldest first). */
export function timelineFromEvents(events: readonly JobEventRecord[]): TimelineEntry[] {
  return events.map((e) => ({
    at: e.at,
    status: e.to_status,
    detail: e.reason ?? (e.modelarts_status === null ? null : `ModelArts status ${e.modelarts_status}`),
  }));
}
