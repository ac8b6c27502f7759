import type { TrainingJobBody } from './training-job-body';

/** The body of jobgate's `POST /v1/jobs`: a ModelArts training job plus jobgate's own options. */
export interface CreateJobRequest {
  training_job: TrainingJobBody;
  /** Where status changes are delivered; none when absent. */
  webhook_url?: string;
  /** jobgate's own tags for finding jobs again; not part of the ModelArts request. */
  labels?: Record<string, string>;
  /** Within the team, higher first (then oldest); −100…100, default 0. */
  priority?: number;
}
