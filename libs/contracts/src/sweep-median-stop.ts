import type { ObjectiveGoal } from './sweep-limits';

/** One trial's reported curve of the objective's metric, in step order. */
export type CurvePoints = ReadonlyArray<{ step: number; value: number }>;

export interface MedianStopOptions {
  goal: ObjectiveGoal;
  /** Other trials that must have reached the step; default 5. */
  minTrials?: number;
  /** No verdict before this step; default 3. */
  startStep?: number;
}

const DEFAULT_MEDIAN_MIN_TRIALS = 5;
const DEFAULT_MEDIAN_START_STEP = 3;

/**
 * The median stopping rule (Katib's medianstop; Optuna's MedianPruner compares the same way): at
 * the trial's latest step s, from `startStep` on, its best value so far is compared with the median
 * of the other trials' running averages up to s, counting only trials that reached s, and only once
 * `minTrials` of them have. Strictly worse → stop. Pure: the caller passes the curves.
 */
export function shouldStopAtMedian(own: CurvePoints, others: readonly CurvePoints[], options: MedianStopOptions): boolean {
  const last = own[own.length - 1];
  if (!last || last.step < (options.startStep ?? DEFAULT_MEDIAN_START_STEP)) return false;
  const s = last.step;
  const averages = others.filter((curve) => curve.length > 0 && curve[curve.length - 1]!.step >= s).map((curve) => runningAverage(curve, s));
  if (averages.length < (options.minTrials ?? DEFAULT_MEDIAN_MIN_TRIALS)) return false;
  const better = (a: number, b: number) => (options.goal === 'minimize' ? a < b : a > b);
  const best = own.reduce((b, p) => (better(p.value, b) ? p.value : b), own[0]!.value);
  return better(median(averages), best);
}

function runningAverage(curve: CurvePoints, upTo: number): number {
  const points = curve.filter((p) => p.step <= upTo);
  return points.reduce((sum, p) => sum + p.value, 0) / points.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
