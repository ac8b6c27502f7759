/**
 * Wire shapes of the public /v1 API. Job and sweep records come from @jobgate/contracts (types only:
 * nothing of it is bundled), so a change there breaks this build instead of the page.
 */
export type { JobRecord, JobStatus, SweepDetail, SweepRecord, SweepStatus, SweepTrial } from '@jobgate/contracts';

/** A page of a cursor-paged list (`GET /v1/jobs`, `GET /v1/sweeps`). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * One webhook event of `GET /v1/jobs/{id}/deliveries`. Declared here because the API's type lives in
 * @jobgate/store, which the browser bundle must not depend on.
 */
export interface DeliveryRecord {
  id: string;
  type: string;
  url: string;
  status: 'pending' | 'delivered' | 'failed' | 'gone' | (string & {});
  attempt_count: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  last_error: string | null;
  attempts: DeliveryAttempt[];
}

export interface DeliveryAttempt {
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}
