import type { TrainingJobBody } from '@jobgate/contracts';

export interface NewJob {
  trainingJob: TrainingJobBody;
  labels?: Record<string, string>;
  webhookUrl?: string | null;
  sweepId?: string | null;
  requestId?: string | null;
  /** A rerun: a new version of `jobId` (a ModelArts job id) derived from its version `preVersionId`, rerunning job `of`. */
  rerun?: { of: string; jobId: string; preVersionId: string };
  /** Within the team, higher first; default 0. */
  priority?: number;
  /** The owning team; null or absent for an operator's job. */
  team?: { id: string; name: string } | null;
  /** Chosen by the caller when the job must know its id before it is stored (a report URL names it); else a new one. */
  id?: string;
  /** The digest of the job's report token, when it reports by itself. */
  reportTokenDigest?: string | null;
  /** `queued` for single jobs, `pending` for sweep trials waiting for release. */
  status?: 'queued' | 'pending';
}
