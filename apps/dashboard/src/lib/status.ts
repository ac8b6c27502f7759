import type { JobStatus, SweepStatus } from '../api/types';

/** Mirrors JOB_STATUSES of @jobgate/contracts (a value import would bundle its validators). */
export const JOB_STATUSES: readonly JobStatus[] = [
  'pending', 'queued', 'submitting', 'submitted', 'running', 'canceling', 'succeeded', 'failed', 'canceled',
];

const TERMINAL_JOB: readonly string[] = ['succeeded', 'failed', 'canceled'];
const FINISHED_SWEEP: readonly string[] = ['succeeded', 'failed', 'canceled'];

export function isTerminalJob(status: JobStatus | string): boolean {
  return TERMINAL_JOB.includes(status);
}

export function isFinishedSweep(status: SweepStatus | string): boolean {
  return FINISHED_SWEEP.includes(status);
}

/** Progress bar order: ended first (left), then active, then waiting; each a stable colour. */
export const PROGRESS_ORDER: readonly JobStatus[] = [
  'succeeded', 'failed', 'canceled', 'canceling', 'running', 'submitted', 'submitting', 'queued', 'pending',
];
