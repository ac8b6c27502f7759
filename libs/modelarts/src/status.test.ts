import { isTerminalCode, JOB_STATUSES, mapStatus, statusName, type MappedStatus } from './status';

/** docs/architecture.md "Job lifecycle": the mapping every code must follow. */
const EXPECTED: Array<[number, string, MappedStatus]> = [
  [0, 'JOBSTAT_UNKNOWN', 'submitted'],
  [1, 'JOBSTAT_INIT', 'submitted'],
  [2, 'JOBSTAT_IMAGE_CREATING', 'submitted'],
  [3, 'JOBSTAT_IMAGE_FAILED', 'failed'],
  [4, 'JOBSTAT_SUBMIT_TRYING', 'submitted'],
  [5, 'JOBSTAT_SUBMIT_FAILED', 'failed'],
  [6, 'JOBSTAT_DELETE_FAILED', 'failed'],
  [7, 'JOBSTAT_WAITING', 'submitted'],
  [8, 'JOBSTAT_RUNNING', 'running'],
  [9, 'JOBSTAT_KILLING', 'running'],
  [10, 'JOBSTAT_COMPLETED', 'succeeded'],
  [11, 'JOBSTAT_FAILED', 'failed'],
  [12, 'JOBSTAT_KILLED', 'canceled'],
  [13, 'JOBSTAT_CANCELED', 'canceled'],
  [14, 'JOBSTAT_LOST', 'failed'],
  [15, 'JOBSTAT_SCALING', 'running'],
  [16, 'JOBSTAT_SUBMIT_MODEL_FAILED', 'failed'],
  [17, 'JOBSTAT_DEPLOY_SERVICE_FAILED', 'failed'],
  [18, 'JOBSTAT_CHECK_INIT', 'submitted'],
  [19, 'JOBSTAT_CHECK_RUNNING', 'running'],
  [20, 'JOBSTAT_CHECK_RUNNING_COMPLETED', 'succeeded'],
  [21, 'JOBSTAT_CHECK_FAILED', 'failed'],
  [22, 'MOUNT_FAILED', 'failed'],
];

describe('status table', () => {
  it('covers codes 0–22 exactly', () => {
    expect(JOB_STATUSES.map((s) => s.code)).toEqual(EXPECTED.map(([code]) => code));
  });

  it.each(EXPECTED)('code %i is %s and maps to %s', (code, name, mapped) => {
    expect(statusName(code)).toBe(name);
    expect(mapStatus(code)).toBe(mapped);
    expect(isTerminalCode(code)).toBe(['succeeded', 'failed', 'canceled'].includes(mapped));
  });

  it.each([-1, 23, 99, 1.5])('unlisted code %p is unknown and not terminal', (code) => {
    expect(mapStatus(code)).toBe('unknown');
    expect(isTerminalCode(code)).toBe(false);
    expect(statusName(code)).toBe(`UNRECOGNIZED_${code}`);
  });
});
