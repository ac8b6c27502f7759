import { sweepExitCode, sweepProgress } from './sweep-progress';

describe('sweepProgress', () => {
  it('reads counts: finished, active and total', () => {
    const progress = sweepProgress({ id: 's', status: 'running', counts: { succeeded: 5, failed: 1, canceled: 1, running: 3, queued: 2, pending: 28 } });
    expect(progress).toEqual({
      status: 'running',
      total: 40,
      counts: { succeeded: 5, failed: 1, canceled: 1, running: 3, queued: 2, pending: 28 },
      finished: 7,
      active: 5,
      ended: false,
    });
  });

  it('counts the trials list when the sweep has no counts, and drops zero or non-numeric counts', () => {
    const fromTrials = sweepProgress({ id: 's', trials: [{ status: 'running' }, { status: 'succeeded' }, { status: 'running' }, {}] });
    expect(fromTrials.counts).toEqual({ running: 2, succeeded: 1, unknown: 1 });
    expect(fromTrials.total).toBe(4);
    expect(sweepProgress({ id: 's', counts: { running: 0, queued: 'x' as unknown as number, succeeded: 2 } }).counts).toEqual({ succeeded: 2 });
  });

  it('takes trial_count as the total, else max_trials before any trial exists', () => {
    expect(sweepProgress({ id: 's', trial_count: 8, counts: { pending: 6 } }).total).toBe(8);
    expect(sweepProgress({ id: 's', max_trials: 12 }).total).toBe(12);
    expect(sweepProgress({ id: 's', max_trials: 12, counts: { pending: 6 } }).total).toBe(6);
  });

  it('ends on a final sweep status, or when every trial finished, whatever the status says', () => {
    for (const status of ['succeeded', 'completed', 'failed', 'canceled']) expect(sweepProgress({ id: 's', status }).ended).toBe(true);
    expect(sweepProgress({ id: 's', status: 'running', counts: { succeeded: 3, failed: 1 } }).ended).toBe(true);
    expect(sweepProgress({ id: 's', status: 'running', counts: { succeeded: 3, running: 1 } }).ended).toBe(false);
    expect(sweepProgress({ id: 's', status: 'running' }).ended).toBe(false);
  });

  it('exits 1 only when the sweep itself failed or was canceled', () => {
    expect(sweepExitCode(sweepProgress({ id: 's', status: 'completed', counts: { succeeded: 3, failed: 1 } }))).toBe(0);
    expect(sweepExitCode(sweepProgress({ id: 's', status: 'failed' }))).toBe(1);
    expect(sweepExitCode(sweepProgress({ id: 's', status: 'canceled' }))).toBe(1);
  });
});
