import { isTerminal, type JobStatus } from '@jobgate/contracts/records';

/** jobgate's reading of a ModelArts status code (docs/architecture.md, "Job lifecycle"): a jobgate status, or `unknown` for an undocumented code. */
export type MappedStatus = Extract<JobStatus, 'submitted' | 'running' | 'succeeded' | 'failed' | 'canceled'> | 'unknown';

export interface JobStatusInfo {
  code: number;
  name: string;
  mapped: MappedStatus;
}

/**
 * The v1 job status table (§3): codes 0–21 from the API reference, 22 from the SDK reference only.
 * 9 KILLING maps to running: the poller turns it into `canceling` when we asked for the stop.
 */
export const JOB_STATUSES: readonly JobStatusInfo[] = [
  { code: 0, name: 'JOBSTAT_UNKNOWN', mapped: 'submitted' },
  { code: 1, name: 'JOBSTAT_INIT', mapped: 'submitted' },
  { code: 2, name: 'JOBSTAT_IMAGE_CREATING', mapped: 'submitted' },
  { code: 3, name: 'JOBSTAT_IMAGE_FAILED', mapped: 'failed' },
  { code: 4, name: 'JOBSTAT_SUBMIT_TRYING', mapped: 'submitted' },
  { code: 5, name: 'JOBSTAT_SUBMIT_FAILED', mapped: 'failed' },
  { code: 6, name: 'JOBSTAT_DELETE_FAILED', mapped: 'failed' },
  { code: 7, name: 'JOBSTAT_WAITING', mapped: 'submitted' },
  { code: 8, name: 'JOBSTAT_RUNNING', mapped: 'running' },
  { code: 9, name: 'JOBSTAT_KILLING', mapped: 'running' },
  { code: 10, name: 'JOBSTAT_COMPLETED', mapped: 'succeeded' },
  { code: 11, name: 'JOBSTAT_FAILED', mapped: 'failed' },
  { code: 12, name: 'JOBSTAT_KILLED', mapped: 'canceled' },
  { code: 13, name: 'JOBSTAT_CANCELED', mapped: 'canceled' },
  { code: 14, name: 'JOBSTAT_LOST', mapped: 'failed' },
  { code: 15, name: 'JOBSTAT_SCALING', mapped: 'running' },
  { code: 16, name: 'JOBSTAT_SUBMIT_MODEL_FAILED', mapped: 'failed' },
  { code: 17, name: 'JOBSTAT_DEPLOY_SERVICE_FAILED', mapped: 'failed' },
  { code: 18, name: 'JOBSTAT_CHECK_INIT', mapped: 'submitted' },
  { code: 19, name: 'JOBSTAT_CHECK_RUNNING', mapped: 'running' },
  { code: 20, name: 'JOBSTAT_CHECK_RUNNING_COMPLETED', mapped: 'succeeded' },
  { code: 21, name: 'JOBSTAT_CHECK_FAILED', mapped: 'failed' },
  { code: 22, name: 'MOUNT_FAILED', mapped: 'failed' },
];

const BY_CODE = new Map(JOB_STATUSES.map((info) => [info.code, info]));

/** The documented name, or `UNRECOGNIZED_<code>` for a code the table does not know. */
export function statusName(code: number): string {
  return BY_CODE.get(code)?.name ?? `UNRECOGNIZED_${code}`;
}

/** `unknown` for codes outside the table: callers keep such jobs pending and log them. */
export function mapStatus(code: number): MappedStatus {
  return BY_CODE.get(code)?.mapped ?? 'unknown';
}

/** True when ModelArts will not move the job on by itself: the code maps to a terminal jobgate status. */
export function isTerminalCode(code: number): boolean {
  const mapped = mapStatus(code);
  return mapped !== 'unknown' && isTerminal(mapped);
}
