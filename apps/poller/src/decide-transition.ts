import type { JobStatus } from '@jobgate/contracts';
import { mapStatus, statusName } from '@jobgate/modelarts';
import { NOW_IF_UNSET, PENDING_TIMEOUT_ERROR, type JobRow, type TransitionChange } from '@jobgate/store';

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
 * The change an observation calls for, or null when nothing changed. Every change is conditional on
 * the status the row had when read, so a concurrent cancel or a second poller cannot be overwritten.
 */
export function decideTransition(row: JobRow, obs: Observation, settings: DecideSettings): TransitionChange | null {
  const from = [row.status];
  if (obs.kind === 'lost') {
    const message = `ModelArts no longer knows job ${row.modelarts_job_id} version ${row.modelarts_version_id} (${obs.errorCode}: ${obs.message})`;
    return { from, to: 'failed', reason: 'lost in ModelArts', patch: failure('jobgate.lost_in_modelarts', message) };
  }
  const name = statusName(obs.code);
  const to = target(row, obs.code);
  const codeChanged = obs.code !== row.modelarts_status;
  const patch: Record<string, unknown> = { modelarts_status: obs.code, modelarts_status_name: name };
  // Only undocumented codes time out: a documented WAITING can legitimately last (a busy dedicated pool).
  if (to === 'submitted' && mapStatus(obs.code) === 'unknown' && pendingMs(row, settings.nowMs) > settings.pendingTimeoutMs) {
    const message = `ModelArts status ${obs.code} is undocumented and the job has not started ${Math.round(pendingMs(row, settings.nowMs) / 60_000)} min after submission`;
    return { from, to: 'failed', reason: PENDING_TIMEOUT_ERROR, patch: { ...patch, ...failure(PENDING_TIMEOUT_ERROR, message) } };
  }
  if (to === row.status && !codeChanged) return null;
  if (to === 'running') patch.started_at = NOW_IF_UNSET;
  if (to === 'succeeded' || to === 'canceled') patch.finished_at = NOW_IF_UNSET;
  if (to === 'failed') Object.assign(patch, failure(name, `ModelArts reported status ${obs.code} (${name})`));
  return { from, to, patch, reason: `ModelArts status ${obs.code} ${name}`, logSameStatus: to === row.status };
}

function target(row: JobRow, code: number): JobStatus {
  const mapped = mapStatus(code);
  // Codes outside the table keep the job where it is (logged by the tick); the pending limit still applies.
  if (mapped === 'unknown') return row.status;
  let to: JobStatus = mapped;
  // 9 KILLING is only our cancel when we asked for one; otherwise the job is still running.
  if (code === 9 && row.cancel_requested_at) to = 'canceling';
  if ((RANK[to] ?? 0) < (RANK[row.status] ?? 0)) to = row.status;
  return to;
}

function pendingMs(row: JobRow, nowMs: number): number {
  return nowMs - (row.submitted_at ?? row.created_at).getTime();
}

function failure(code: string, message: string): Record<string, unknown> {
  return { error_code: code, error_message: message, error_retryable: false, finished_at: NOW_IF_UNSET };
}
