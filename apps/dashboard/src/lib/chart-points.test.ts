import type { SweepTrial } from '../api/types';
import { chartMetric, curveLines, parameterPoints, trialOrderPoints } from './chart-points';

const trial = (n: number, parameters: Record<string, string>, metrics: Record<string, number> | null): SweepTrial => ({
  id: `id-${n}`,
  trial: n,
  job_name: `t-${n}`,
  parameters,
  status: 'succeeded',
  metrics,
  early_stopped: n === 3,
});

describe('chart points', () => {
  const trials = [
    trial(2, { lr: '0.1', act: 'relu' }, { acc: 0.8 }),
    trial(1, { lr: '0.01', act: 'gelu' }, { acc: 0.9 }),
    trial(3, { lr: '0.5', act: 'relu' }, null),
  ];

  it('uses numbers for numeric parameters and text otherwise, skipping trials without the metric', () => {
    expect(parameterPoints(trials, 'lr', 'acc')).toEqual({
      numeric: true,
      points: [
        { x: 0.1, y: 0.8, trial: 2 },
        { x: 0.01, y: 0.9, trial: 1 },
      ],
    });
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

  it('draws each trial’s curve by step in trial order, flagging the best and the early-stopped', () => {
    const curves = [
      {
        job_id: 'id-3',
        trial: 3,
        points: [
          { step: 0, value: 9 },
          { step: 1, value: 8 },
        ],
      },
      { job_id: 'id-1', trial: 1, points: [{ step: 0, value: 5 }] },
    ];
    expect(curveLines(curves, trials, 1)).toEqual([
      { trial: 1, points: [{ x: 0, y: 5 }], earlyStopped: false, best: true },
      {
        trial: 3,
        points: [
          { x: 0, y: 9 },
          { x: 1, y: 8 },
        ],
        earlyStopped: true,
        best: false,
      },
    ]);
  });
});
