import type { DeliveryRecord, DeliveryStatus, JobStatus } from '@jobgate/contracts';

/** Job lifecycle events (docs/architecture.md, "Webhooks"). */
export type JobEventType = 'job.submitted' | 'job.running' | 'job.succeeded' | 'job.failed' | 'job.canceled';
/** Open for other subjects (`sweep.completed`) without a migration. */
export type WebhookEventType = JobEventType | 'sweep.completed' | (string & {});
export type WebhookEventStatus = DeliveryStatus;

const JOB_EVENT_TYPES: Partial<Record<JobStatus, JobEventType>> = {
  submitted: 'job.submitted',
  running: 'job.running',
  succeeded: 'job.succeeded',
  failed: 'job.failed',
  canceled: 'job.canceled',
};

/** The event a job entering `status` announces; null for internal steps (queued, submitting, canceling). */
export function jobEventType(status: JobStatus): JobEventType | null {
  return JOB_EVENT_TYPES[status] ?? null;
}

/** A `webhook_events` row as pg returns it. */
export interface WebhookEventRow {
  id: string;
  seq: string;
  ordering_key: string;
  job_id: string | null;
  /** The owning team, whose secret signs the event; null for operators' events. */
  team_id: string | null;
  type: WebhookEventType;
  payload: string;
  url: string;
  status: WebhookEventStatus;
  attempts: number;
  run_start_attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface WebhookAttemptRow {
  event_id: string;
  attempt: number;
  attempted_at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export function toDeliveryRecord(row: WebhookEventRow, attempts: WebhookAttemptRow[]): DeliveryRecord {
  return {
    id: row.id,
    type: row.type,
    url: row.url,
    status: row.status,
    attempt_count: row.attempts,
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    delivered_at: row.delivered_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    last_error: row.last_error,
    payload: JSON.parse(row.payload),
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      attempted_at: a.attempted_at.toISOString(),
      status_code: a.status_code,
      latency_ms: a.latency_ms,
      error: a.error,
    })),
  };
}
