import type { TrainingJob } from '@jobgate/contracts';

export interface NewJob {
  trainingJob: TrainingJob;
  labels?: Record<string, string>;
  webhookUrl?: string | null;
  sweepId?: string | null;
  requestId?: string | null;
  /** `queued` for single jobs, `pending` for sweep trials waiting for release. */
  status?: 'queued' | 'pending';
}
