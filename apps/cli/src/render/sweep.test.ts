import { sweepRecord, sweepTrial } from '../test-support/sweep-record.fixture';
import { describeBestTrial, renderSweepAccepted, renderSweepDetails, renderSweepEnded } from './sweep';

const SWEEP = sweepRecord(
  { pending: 4, running: 2, succeeded: 1, failed: 1 },
  { best_trial: sweepTrial({ job_name: 'lr-search-1', parameters: { lr: '0.1' }, metrics: { loss: 0.3 } }) },
);

describe('sweep rendering', () => {
  it('status of a sweep: name, status, progress, parallelism and best trial', () => {
    expect(renderSweepDetails(SWEEP).split('\n')).toEqual([
      `sweep:       ${SWEEP.id} (lr-search)`,
      'status:      running',
      'trials:      [#####=====..........] 2/8 succeeded 1 · running 2 · pending 4 · failed 1',
      'parallel:    at most 2 at once',
      'best trial:  lr-search-1 (lr=0.1) loss=0.3',
      'created:     2024-05-01 12:00:00',
    ]);
  });

  it("names the sweep's team when it has one", () => {
    expect(
      renderSweepDetails({ ...SWEEP, team: 'vision' })
        .split('\n')
        .slice(1, 3),
    ).toEqual(['status:      running', 'team:        vision']);
  });

  it('an accepted sweep counts its trials', () => {
    expect(renderSweepAccepted(SWEEP)).toBe(`accepted sweep ${SWEEP.id} (lr-search): 8 trials`);
    expect(renderSweepAccepted(sweepRecord({ pending: 1 }))).toBe(`accepted sweep ${SWEEP.id} (lr-search): 1 trial`);
  });

  it('an ended sweep names its best trial when it has one', () => {
    expect(renderSweepEnded({ ...SWEEP, status: 'succeeded' })).toBe('sweep lr-search succeeded; best trial lr-search-1 (lr=0.1) loss=0.3');
    expect(renderSweepEnded({ ...SWEEP, status: 'failed', best_trial: null })).toBe('sweep lr-search failed');
  });

  it('describes the best trial by name, parameters and reported metrics', () => {
    expect(describeBestTrial(null)).toBeUndefined();
    expect(describeBestTrial(sweepTrial({ job_name: 'a-3', parameters: {}, metrics: { loss: 0.1, acc: 0.9 } }))).toBe('a-3 loss=0.1 acc=0.9');
    expect(describeBestTrial(sweepTrial({ job_name: 'a-4', parameters: { lr: '0.01', bs: '32' }, metrics: null }))).toBe('a-4 (lr=0.01 bs=32)');
  });
});
