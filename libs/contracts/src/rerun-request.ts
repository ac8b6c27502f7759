import type { TrainingJobConfig } from './training-job-body';

/**
 * The body of `POST /v1/jobs/{id}/rerun`: what to change in the job's `config` for the new version.
 * A field given replaces the job's, `null` removes it, and `parameter` entries replace the entry of
 * the same label (others are kept, new labels are added).
 */
export interface RerunRequest {
  config?: { [K in keyof TrainingJobConfig]?: TrainingJobConfig[K] | null };
}
