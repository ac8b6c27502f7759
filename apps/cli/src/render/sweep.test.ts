import { describeBestTrial, renderSweepAccepted, renderSweepDetails } from './sweep';

const SWEEP = {
  id: '7d1e2f30-1111-4a57-9d4b-6a1d6f0e9c21',
  name: 'lr-search',
  status: 'running',
  trial_count: 8,
  max_parallel: 2,
  counts: { pending: 4, queued: 0, running: 2, succeeded: 1, failed: 1, canceled: 0 },
  created_at: '2024-05-01T12:00:00.000Z',
  finished_at: null,
  best_trial: { id: 'j1', trial: 1, job_name: 'lr-search-1', parameters: { lr: '0.1' }, status: 'succeeded', metrics: { loss: 0.3 } },
};

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

  it('an accepted sweep counts its trials', () => {
    expect(renderSweepAccepted(SWEEP)).toBe(`accepted sweep ${SWEEP.id} (lr-search): 8 trials`);
    expect(renderSweepAccepted({ id: 's', trial_count: 1 })).toBe('accepted sweep s: 1 trial');
  });

  it('reads whatever shape the best trial comes in', () => {
    expect(describeBestTrial(null)).toBeUndefined();
    expect(describeBestTrial('j7')).toBe('j7');
    expect(describeBestTrial({ id: 'j7' })).toBe('j7');
    expect(describeBestTrial({ job_name: 'a-3', metrics: { loss: 0.1, acc: 0.9 } })).toBe('a-3 loss=0.1 acc=0.9');
    expect(describeBestTrial({ score: [1] })).toBe('{"score":[1]}');
  });
});
