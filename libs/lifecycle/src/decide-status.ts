import type { JobStatus } from '@jobgate/contracts';
import { mapStatus, statusName } from '@jobgate/modelarts';
import type { JobSnapshot, StatusChange } from '@jobgate/store';

/** Error code of a job left unstarted with an undocumented ModelArts status past PENDING_TIMEOUT_MS (its ModelArts job is then stopped). */
export const PENDING_TIMEOUT_ERROR = 'jobgate.pending_timeout';

/** What one poll learned about a job: its ModelArts status code, or that ModelArts no longer knows it. */
export type Observation = { kind: 'status'; code: number } | { kind: 'lost'; errorCode: string; message: string };

export interface DecideSettings {
  nowMs: number;
  /** PENDING_TIMEOUT_MS: a job not yet started whose status code is undocumented fails this long after submission. */
  pendingTimeoutMs: number;
}

/** Lifecycle order: a poll never moves a job backwards (e.g. 8 RUNNING then 7 WAITING after a reschedule). */
const RANK: Partial<Record<JobStatus, number>> = { submitted: 1, running: 2, canceling: 3, succeeded: 4, failed: 4, canceled: 4 };

/**
 * The change an observation calls for, or null when nothing changed. The store applies it only if
 * the job still has the status it had when read, so a concurrent cancel or a second poller wins.
 */
export function decideStatus(job: JobSnapshot, obs: Observation, settings: DecideSettings): StatusChange | null {
  if (obs.kind === 'lost') {
    const message = `ModelArts no longer knows job ${job.modelarts?.jobId} version ${job.modelarts?.versionId} (${obs.errorCode}: ${obs.message})`;
    return { to: 'failed', code: null, statusName: null, reason: 'lost in ModelArts', error: { code: 'jobgate.lost_in_modelarts', message, retryable: false } };
  }
  const name = statusName(obs.code);
  const to = target(job, obs.code);
  const codeChanged = obs.code !== job.modelarts?.status;
  const seen = { code: obs.code, statusName: name };
  // Only undocumented codes time out: a documented WAITING can legitimately last (a busy dedicated pool).
  if (to === 'submitted' && mapStatus(obs.code) === 'unknown' && pendingMs(job, settings.nowMs) > settings.pendingTimeoutMs) {
    const message = `ModelArts status ${obs.code} is undocumented and the job has not started ${Math.round(pendingMs(job, settings.nowMs) / 60_000)} min after submission`;
    return { to: 'failed', ...seen, reason: PENDING_TIMEOUT_ERROR, error: { code: PENDING_TIMEOUT_ERROR, message, retryable: false } };
  }
  if (to === job.status && !codeChanged) return null;
  const change: StatusChange = { to, ...seen, reason: `ModelArts status ${obs.code} ${name}` };
  if (to === 'running') change.started = true;
  if (to === 'succeeded' || to === 'canceled') change.finished = true;
  if (to === 'failed') change.error = { code: name, message: `ModelArts reported status ${obs.code} (${name})`, retryable: false };
  return change;
}

function target(job: JobSnapshot, code: number): JobStatus {
  const mapped = mapStatus(code);
  // Codes outside the table keep the job where it is (logged by the tick); the pending limit still applies.
  if (mapped === 'unknown') return job.status;
  let to: JobStatus = mapped;
  // 9 KILLING is only our cancel when we asked for one; otherwise the job is still running.
  if (code === 9 && job.cancelRequestedAt) to = 'canceling';
  if ((RANK[to] ?? 0) < (RANK[job.status] ?? 0)) to = job.status;
  return to;
}

function pendingMs(job: JobSnapshot, nowMs: number): number {
  return nowMs - (job.submittedAt ?? job.createdAt).getTime();
}
