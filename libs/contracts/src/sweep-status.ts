/**
 * A sweep is `running` from creation until every trial has ended; `canceling` after a cancel
 * request while trials are still stopping. It ends `succeeded` (at least one trial succeeded within
 * the failure budget), `failed` (budget exceeded, or no trial succeeded) or `canceled`.
 */
export const SWEEP_STATUSES = ['running', 'canceling', 'succeeded', 'failed', 'canceled'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

/** Not ended: trials may still be released, run or be stopped. */
export const OPEN_SWEEP_STATUSES = ['running', 'canceling'] as const satisfies readonly SweepStatus[];

/** Ended: nothing changes any more. */
export const FINISHED_SWEEP_STATUSES = ['succeeded', 'failed', 'canceled'] as const satisfies readonly SweepStatus[];
export type FinishedSweepStatus = (typeof FINISHED_SWEEP_STATUSES)[number];

export function isOpenSweep(status: SweepStatus): boolean {
  return (OPEN_SWEEP_STATUSES as readonly string[]).includes(status);
}

export function isFinishedSweep(status: SweepStatus): status is FinishedSweepStatus {
  return (FINISHED_SWEEP_STATUSES as readonly string[]).includes(status);
}
