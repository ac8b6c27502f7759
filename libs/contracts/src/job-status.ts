/*
 * jobgate's job lifecycle (docs: "Job lifecycle") and every group of statuses that some part of
 * jobgate acts on. Each group is defined here once; the store, the roles, the CLI and the dashboard
 * import it (through `@jobgate/contracts/records` where class-validator must not load). The SQL
 * migrations keep copies in partial indexes and CHECKs; libs/store's status-groups test holds them here.
 */

export const JOB_STATUSES = [
  'pending', // a sweep trial not yet released into the submit queue
  'queued',
  'submitting',
  'submitted',
  'running',
  'canceling',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Ended: nothing changes any more. */
export const TERMINAL_STATUSES = ['succeeded', 'failed', 'canceled'] as const satisfies readonly JobStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** Not yet taken by a worker: a trial waiting for its sweep, or a job in the submit queue. Never reaches ModelArts when canceled. */
export const WAITING_STATUSES = ['pending', 'queued'] as const satisfies readonly JobStatus[];

/** Belongs in the submit queue: to be claimed (`queued`) or being submitted (`submitting`, resumed after a crash). */
export const SUBMISSION_STATUSES = ['queued', 'submitting'] as const satisfies readonly JobStatus[];

/** Holds one of the MAX_ACTIVE_JOBS slots: taken by a worker and not yet ended. */
export const ACTIVE_STATUSES = ['submitting', 'submitted', 'running', 'canceling'] as const satisfies readonly JobStatus[];

/** Exists in ModelArts and has not ended: the poller follows these. */
export const POLLED_STATUSES = ['submitted', 'running', 'canceling'] as const satisfies readonly JobStatus[];

/** Ends only through a ModelArts stop call, none asked for yet (`canceling` has one). */
export const STOPPABLE_STATUSES = ['submitting', 'submitted', 'running'] as const satisfies readonly JobStatus[];

/** Takes one of its sweep's `max_parallel` slots: active, or queued and about to be. */
export const SWEEP_SLOT_STATUSES = ['queued', ...ACTIVE_STATUSES] as const satisfies readonly JobStatus[];

/** `POST /v1/jobs/{id}/cancel` accepts these (202); an ended job is a 409. */
export const CANCELABLE_STATUSES = ['pending', 'queued', ...ACTIVE_STATUSES] as const satisfies readonly JobStatus[];

export function isTerminal(status: JobStatus): status is TerminalStatus {
  return includes(TERMINAL_STATUSES, status);
}

export function isWaiting(status: JobStatus): boolean {
  return includes(WAITING_STATUSES, status);
}

export function isActive(status: JobStatus): boolean {
  return includes(ACTIVE_STATUSES, status);
}

export function isPolled(status: JobStatus): boolean {
  return includes(POLLED_STATUSES, status);
}

export function holdsSweepSlot(status: JobStatus): boolean {
  return includes(SWEEP_SLOT_STATUSES, status);
}

export function isCancelable(status: JobStatus): boolean {
  return includes(CANCELABLE_STATUSES, status);
}

function includes(group: readonly string[], status: string): boolean {
  return group.includes(status);
}
