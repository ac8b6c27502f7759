import type { JobStatus } from '@jobgate/contracts';

/*
 * How the CLI groups job statuses (docs/architecture.md, "Job lifecycle"). Declared here rather than imported
 * from @jobgate/contracts at run time so the CLI does not load the validation library to start;
 * `satisfies` still makes the compiler check every name against the contract.
 */

/** A job in one of these will not change any more. */
export const FINISHED_STATUSES = ['succeeded', 'failed', 'canceled'] as const satisfies readonly JobStatus[];

/** Handed to the queue or to ModelArts and not finished: these hold a `max_parallel` slot. */
export const ACTIVE_STATUSES = ['queued', 'submitting', 'submitted', 'running', 'canceling'] as const satisfies readonly JobStatus[];

/** The order statuses are listed in a progress line; statuses unknown to this CLI follow, by name. */
export const STATUS_DISPLAY_ORDER = [
  'succeeded',
  'running',
  'canceling',
  'submitted',
  'submitting',
  'queued',
  'pending',
  'failed',
  'canceled',
] as const satisfies readonly JobStatus[];

export function isFinished(status: string | undefined): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status ?? '');
}

export function isActive(status: string | undefined): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status ?? '');
}

/** `--wait`'s exit code: scripts chain on success only. */
export function jobExitCode(status: string): 0 | 1 {
  return status === 'succeeded' ? 0 : 1;
}
