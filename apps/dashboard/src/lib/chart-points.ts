import type { SweepWithTrials } from '@jobgate/contracts/records';
import type { SweepCurves, SweepTrial } from '../api/types';

export interface ChartPoint {
  x: number | string;
  y: number;
  trial: number;
}

/** The sweep's objective metric, else the first metric any trial reported; null when none did. */
export function chartMetric(sweep: Pick<SweepWithTrials, 'objective' | 'trials'>): string | null {
  if (sweep.objective) return sweep.objective.metric;
  for (const trial of sweep.trials) {
    const first = Object.keys(trial.metrics ?? {})[0];
    if (first) return first;
  }
  return null;
}

/**
 * Metric against one parameter, for trials that reported the metric. x stays a number when every
 * value of the parameter is numeric (a linear axis), else text (a category axis).
 */
export function parameterPoints(trials: readonly SweepTrial[], parameter: string, metric: string): { points: ChartPoint[]; numeric: boolean } {
  const reported = trials.filter((t) => typeof t.metrics?.[metric] === 'number' && t.parameters[parameter] !== undefined);
  const numeric = reported.every((t) => t.parameters[parameter]!.trim() !== '' && Number.isFinite(Number(t.parameters[parameter])));
  const points = reported.map((t) => ({
    x: numeric ? Number(t.parameters[parameter]) : t.parameters[parameter]!,
    y: t.metrics![metric]!,
    trial: t.trial,
  }));
  return { points, numeric };
}

/** Metric by trial number: how the search went over time. */
export function trialOrderPoints(trials: readonly SweepTrial[], metric: string): ChartPoint[] {
  return trials
    .filter((t) => typeof t.metrics?.[metric] === 'number')
    .map((t) => ({ x: t.trial, y: t.metrics![metric]!, trial: t.trial }))
    .sort((a, b) => a.trial - b.trial);
}

/** One trial's learning curve as the chart draws it. */
export interface CurveLine {
  trial: number;
  points: Array<{ x: number; y: number }>;
  /** Stopped by median stopping: drawn dashed. */
  earlyStopped: boolean;
  best: boolean;
}

/** Curves of `GET /v1/sweeps/{id}/curves` joined with the trials' flags, in trial order. */
export function curveLines(curves: SweepCurves['curves'], trials: readonly SweepTrial[], bestTrial: number | null): CurveLine[] {
  const stopped = new Set(trials.filter((t) => t.early_stopped).map((t) => t.trial));
  return [...curves]
    .sort((a, b) => a.trial - b.trial)
    .map((c) => ({
      trial: c.trial,
      points: c.points.map((p) => ({ x: p.step, y: p.value })),
      earlyStopped: stopped.has(c.trial),
      best: c.trial === bestTrial,
    }));
}
