import type { SweepTrial } from '../api/types';
import { chartMetric, parameterPoints, trialOrderPoints } from './chart-points';

const trial = (n: number, parameters: Record<string, string>, metrics: Record<string, number> | null): SweepTrial =>
  ({ id: `id-${n}`, trial: n, job_name: `t-${n}`, parameters, status: 'succeeded', metrics });

describe('chart points', () => {
  const trials = [trial(2, { lr: '0.1', act: 'relu' }, { acc: 0.8 }), trial(1, { lr: '0.01', act: 'gelu' }, { acc: 0.9 }), trial(3, { lr: '0.5', act: 'relu' }, null)];

  it('uses numbers for numeric parameters and text otherwise, skipping trials without the metric', () => {
    expect(parameterPoints(trials, 'lr', 'acc')).toEqual({ numeric: true, points: [{ x: 0.1, y: 0.8, trial: 2 }, { x: 0.01, y: 0.9, trial: 1 }] });
    expect(parameterPoints(trials, 'act', 'acc').numeric).toBe(false);
  });

  it('orders the line chart by trial number', () => {
    expect(trialOrderPoints(trials, 'acc').map((p) => p.trial)).toEqual([1, 2]);
  });

  it('charts the objective metric, else the first one reported', () => {
    expect(chartMetric({ objective: { metric: 'loss', goal: 'minimize' }, trials })).toBe('loss');
    expect(chartMetric({ objective: null, trials })).toBe('acc');
    expect(chartMetric({ objective: null, trials: [] })).toBeNull();
  });
});
