import {
  ACTIVE_STATUSES,
  CANCELABLE_STATUSES,
  JOB_STATUSES,
  POLLED_STATUSES,
  STOPPABLE_STATUSES,
  SUBMISSION_STATUSES,
  SWEEP_SLOT_STATUSES,
  TERMINAL_STATUSES,
  WAITING_STATUSES,
  holdsSweepSlot,
  isActive,
  isCancelable,
  isPolled,
  isTerminal,
  isWaiting,
} from './job-status';
import { FINISHED_SWEEP_STATUSES, OPEN_SWEEP_STATUSES, SWEEP_STATUSES, isFinishedSweep, isOpenSweep } from './sweep-status';

const sorted = (statuses: readonly string[]) => [...statuses].sort();

describe('job status groups', () => {
  it('every job is waiting, active (holding a MAX_ACTIVE_JOBS slot) or ended, never two of them', () => {
    expect(sorted([...WAITING_STATUSES, ...ACTIVE_STATUSES, ...TERMINAL_STATUSES])).toEqual(sorted(JOB_STATUSES));
  });

  it('derives the narrower groups from the lifecycle', () => {
    expect(sorted(SWEEP_SLOT_STATUSES)).toEqual(sorted(['queued', ...ACTIVE_STATUSES]));
    expect(sorted(CANCELABLE_STATUSES)).toEqual(sorted(JOB_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s as never))));
    expect(POLLED_STATUSES.every((s) => (ACTIVE_STATUSES as readonly string[]).includes(s))).toBe(true);
    expect(POLLED_STATUSES).not.toContain('submitting'); // not in ModelArts yet: nothing to poll
    expect(STOPPABLE_STATUSES).not.toContain('canceling'); // its stop was already asked for
    expect(SUBMISSION_STATUSES).toEqual(['queued', 'submitting']);
  });

  it('has a predicate per group that agrees with its list', () => {
    const cases: [readonly string[], (s: (typeof JOB_STATUSES)[number]) => boolean][] = [
      [TERMINAL_STATUSES, isTerminal],
      [WAITING_STATUSES, isWaiting],
      [ACTIVE_STATUSES, isActive],
      [POLLED_STATUSES, isPolled],
      [SWEEP_SLOT_STATUSES, holdsSweepSlot],
      [CANCELABLE_STATUSES, isCancelable],
    ];
    for (const [group, predicate] of cases) expect(JOB_STATUSES.filter(predicate)).toEqual(JOB_STATUSES.filter((s) => group.includes(s)));
  });
});

describe('sweep status groups', () => {
  it('a sweep is open or finished', () => {
    expect(sorted([...OPEN_SWEEP_STATUSES, ...FINISHED_SWEEP_STATUSES])).toEqual(sorted(SWEEP_STATUSES));
    expect(SWEEP_STATUSES.filter(isOpenSweep)).toEqual(['running', 'canceling']);
    expect(SWEEP_STATUSES.filter(isFinishedSweep)).toEqual(['succeeded', 'failed', 'canceled']);
  });
});
