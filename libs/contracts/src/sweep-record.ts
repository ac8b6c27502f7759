import type { CreateJobRequest } from './create-job-request.dto';
import type { JobStatus } from './job-record';
import type { SweepMethod } from './sweep-limits';
import type { ParameterSpec, SweepObjective } from './sweep-request.dto';

/**
 * A sweep is `running` from creation until every trial has ended; `canceling` after a cancel
 * request while trials are still stopping. It ends `succeeded` (at least one trial succeeded within
 * the failure budget), `failed` (budget exceeded, or no trial succeeded) or `canceled`.
 */
export const SWEEP_STATUSES = ['running', 'canceling', 'succeeded', 'failed', 'canceled'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];
export const FINISHED_SWEEP_STATUSES: readonly SweepStatus[] = ['succeeded', 'failed', 'canceled'];

/** One trial as a sweep shows it; the full job is at `/v1/jobs/{id}`. */
export interface SweepTrial {
  /** The trial's job id. */
  id: string;
  /** 1-based trial number, also the job name's suffix. */
  trial: number;
  job_name: string;
  /** The values this trial tries, as written into `config.parameter`. */
  parameters: Record<string, string>;
  status: JobStatus;
  /** Final metrics reported with `POST /v1/jobs/{id}/metrics`; null until then. */
  metrics: Record<string, number> | null;
}

/** The sweep record as the API returns it (create, list). Times are ISO-8601 strings. */
export interface SweepRecord {
  id: string;
  name: string;
  status: SweepStatus;
  method: SweepMethod;
  parameters: Record<string, ParameterSpec>;
  template: CreateJobRequest;
  trial_count: number;
  max_parallel: number;
  /** null: no limit. */
  max_failed_trials: number | null;
  /** The seed random trials were drawn with; null for a grid sweep given none. */
  seed: number | null;
  objective: SweepObjective | null;
  /** Trials per job status, every status present. */
  counts: Record<JobStatus, number>;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** What a finished sweep reports (the `sweep.completed` webhook's data). */
export interface SweepSummary extends SweepRecord {
  /** By `objective`; null without one or before any trial reported the metric. */
  best_trial: SweepTrial | null;
}

/** `GET /v1/sweeps/{id}`: the summary plus every trial in trial order. */
export interface SweepDetail extends SweepSummary {
  trials: SweepTrial[];
}
