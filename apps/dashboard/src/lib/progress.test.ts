import { sweepProgress } from './progress';

it('stacks ended trials first and counts them, for the bar and its label', () => {
  const counts = { pending: 1, queued: 0, submitting: 0, submitted: 1, running: 1, canceling: 0, succeeded: 2, failed: 1, canceled: 0 };
  const progress = sweepProgress({ counts, trial_count: 6 });
  expect(progress.segments.map((s) => [s.status, s.count])).toEqual([
    ['succeeded', 2],
    ['failed', 1],
    ['running', 1],
    ['submitted', 1],
    ['pending', 1],
  ]);
  expect(progress.ended).toBe(3);
  expect(progress.segments[0]!.percent).toBeCloseTo(33.33, 1);
  expect(progress.summary).toBe('3 of 6 trials ended: 2 succeeded, 1 failed, 1 running, 1 submitted, 1 pending');
});
