import type { TrainingJob } from './training-job.dto';

/** jobgate's own lifecycle (docs/architecture.md, "Job lifecycle"). */
export const JOB_STATUSES = [
  'pending', // a sweep trial not yet released into the submit queue
  'queued',
  'submitting',
  'submitted',
  'running',
  'canceling',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'canceled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** What ModelArts told us about the job; null until the create call succeeded. */
export interface ModelArtsRef {
  job_id: string;
  version_id: string;
  version_name: string | null;
  resource_id: string | null;
  status: number | null;
  status_name: string | null;
  create_time: string | null;
}

export interface JobError {
  code: string;
  message: string;
  retryable: boolean;
}

/** The job record as the API returns it. Times are ISO-8601 strings. */
export interface JobRecord {
  id: string;
  status: JobStatus;
  job_name: string;
  /** The ModelArts create body as accepted. */
  training_job: TrainingJob;
  labels: Record<string, string>;
  webhook_url: string | null;
  sweep_id: string | null;
  modelarts: ModelArtsRef | null;
  attempts: number;
  error: JobError | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}
