import { sweepExitCode, sweepProgress } from './sweep-progress';
import { sweepRecord } from './test-support/sweep-record.fixture';

describe('sweepProgress', () => {
  it('reads counts: finished, active (holding a max_parallel slot) and total, leaving out statuses without trials', () => {
    const progress = sweepProgress(sweepRecord({ succeeded: 5, failed: 1, canceled: 1, running: 3, queued: 2, pending: 28 }));
    expect(progress).toEqual({
      status: 'running',
      total: 40,
      counts: { succeeded: 5, failed: 1, canceled: 1, running: 3, queued: 2, pending: 28 },
      finished: 7,
      active: 5,
      ended: false,
    });
  });

  it('takes trial_count as the total', () => {
    expect(sweepProgress(sweepRecord({ pending: 6 }, { trial_count: 8 })).total).toBe(8);
  });

  it('ends on a finished sweep status, or when every trial finished, whatever the status says', () => {
    for (const status of ['succeeded', 'failed', 'canceled'] as const) expect(sweepProgress(sweepRecord({}, { status })).ended).toBe(true);
    expect(sweepProgress(sweepRecord({}, { status: 'canceling' })).ended).toBe(false);
    expect(sweepProgress(sweepRecord({ succeeded: 3, failed: 1 })).ended).toBe(true);
    expect(sweepProgress(sweepRecord({ succeeded: 3, running: 1 })).ended).toBe(false);
    expect(sweepProgress(sweepRecord({})).ended).toBe(false);
  });

  it('exits 1 only when the sweep itself failed or was canceled', () => {
    expect(sweepExitCode(sweepProgress(sweepRecord({ succeeded: 3, failed: 1 }, { status: 'succeeded' })))).toBe(0);
    expect(sweepExitCode(sweepProgress(sweepRecord({ succeeded: 3, failed: 1 })))).toBe(0);
    expect(sweepExitCode(sweepProgress(sweepRecord({}, { status: 'failed' })))).toBe(1);
    expect(sweepExitCode(sweepProgress(sweepRecord({}, { status: 'canceled' })))).toBe(1);
  });
});
