/**
 * A sweep as `GET /v1/sweeps/{id}` returns it. Every field but `id` is optional and read defensively:
 * the CLI must keep working against older and newer jobgate versions of the sweep resource.
 */
export interface SweepRecord {
  id: string;
  name?: string;
  status?: string;
  /** Trials by job status, e.g. `{succeeded: 5, running: 3}`. */
  counts?: Record<string, number>;
  trials?: SweepTrial[];
  /** Trials the sweep expanded to. */
  trial_count?: number;
  max_trials?: number;
  max_parallel?: number;
  best_trial?: unknown;
  [field: string]: unknown;
}

export interface SweepTrial {
  id?: string;
  job_name?: string;
  status?: string;
  [field: string]: unknown;
}
