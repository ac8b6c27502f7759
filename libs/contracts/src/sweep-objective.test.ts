import { bestTrial } from './sweep-objective';
import type { SweepTrial } from './sweep-record';

const trial = (n: number, status: SweepTrial['status'], metrics: Record<string, number> | null): SweepTrial => ({
  id: `job-${n}`,
  trial: n,
  job_name: `s-${n}`,
  parameters: { lr: String(n) },
  status,
  metrics,
  early_stopped: false,
});

describe('bestTrial', () => {
  const trials = [
    trial(1, 'succeeded', { loss: 0.5, acc: 0.8 }),
    trial(2, 'succeeded', { loss: 0.3, acc: 0.9 }),
    trial(3, 'failed', { loss: 0.1, acc: 0.99 }),
    trial(4, 'running', { loss: 0.3, acc: 0.95 }),
    trial(5, 'pending', null),
    trial(6, 'succeeded', { acc: 0.97 }),
  ];

  it('picks the lowest value to minimize and the highest to maximize, leaving out failed trials', () => {
    expect(bestTrial(trials, { metric: 'loss', goal: 'minimize' })?.trial).toBe(2);
    expect(bestTrial(trials, { metric: 'acc', goal: 'maximize' })?.trial).toBe(6);
  });

  it('gives a tie to the earlier trial', () => {
    expect(bestTrial([trial(1, 'succeeded', { m: 1 }), trial(2, 'succeeded', { m: 1 })], { metric: 'm', goal: 'maximize' })?.trial).toBe(1);
    expect(bestTrial([trial(1, 'succeeded', { m: 1 }), trial(2, 'succeeded', { m: 1 })], { metric: 'm', goal: 'minimize' })?.trial).toBe(1);
  });

  it('is null without an objective or without any trial that reported the metric', () => {
    expect(bestTrial(trials, null)).toBeNull();
    expect(bestTrial(trials, { metric: 'f1', goal: 'maximize' })).toBeNull();
  });
});
