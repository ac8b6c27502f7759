import type { TrialValues } from './sweep-grid';
import type { ObjectiveGoal } from './sweep-limits';
import { mulberry32 } from './sweep-mulberry32';
import { fitEstimator, logDensity, sampleEstimator, type ParzenAxis } from './sweep-parzen';
import { randomTrialAt } from './sweep-random';
import type { ParameterSpec, RangeSpec } from './sweep-request';
import { formatParameterValue } from './sweep-value';

/** A finished trial as the sampler sees it: the values it tried and its objective value. */
export interface TpeObservation {
  parameters: TrialValues;
  value: number;
}

export interface ProposeTrialOptions {
  /** The sweep's seed. */
  seed: number;
  /** 0-based number of the trial being proposed; each index gets its own random stream. */
  index: number;
  goal: ObjectiveGoal;
  /** Results needed before TPE takes over from random draws; default TPE_STARTUP_TRIALS. */
  startupTrials?: number;
  /** Candidates drawn from the good estimator per parameter; default 24 (Optuna's). */
  candidates?: number;
}

/** Optuna's n_startup_trials. */
export const TPE_STARTUP_TRIALS = 10;
const DEFAULT_CANDIDATES = 24;

/**
 * The next trial of a `bayes` sweep, by a Tree-structured Parzen Estimator (Bergstra et al. 2011,
 * as Optuna's multivariate TPESampler does it). Until `startupTrials` results exist it is the
 * random sweep's trial `index` for the same seed. Then the results are split at a quantile into good
 * and bad, a Parzen estimator l(x) is fitted to the good ones and g(x) to the bad ones, and of
 * `candidates` draws from l the one with the largest l(x)/g(x) is proposed.
 * Pure: the same results in the same order, seed and index give the same trial.
 */
export function proposeTrial(parameters: Record<string, ParameterSpec>, observations: readonly TpeObservation[], options: ProposeTrialOptions): TrialValues {
  const usable = observations.filter((o) => Number.isFinite(o.value));
  if (usable.length < (options.startupTrials ?? TPE_STARTUP_TRIALS)) return randomTrialAt(parameters, options.index, options.seed);
  const { good, bad } = splitGoodBad(usable, options.goal);
  const next = mulberry32((options.seed ^ Math.imul(options.index + 1, 0x9e3779b1)) >>> 0);
  const axes = axesOf(parameters);
  const points = (set: TpeObservation[]) => set.map((o) => axes.map((a) => a.read(o.parameters[a.label] ?? ''))).filter((p) => p.every(Number.isFinite));
  const l = fitEstimator(
    points(good),
    axes.map((a) => a.axis),
  );
  const g = fitEstimator(
    points(bad),
    axes.map((a) => a.axis),
  );
  let best: number[] = [];
  let bestScore = -Infinity;
  for (let c = 0; c < (options.candidates ?? DEFAULT_CANDIDATES); c++) {
    // A candidate is scored where it would run: an integer at the middle of its bin.
    const x = sampleEstimator(l, next).map((v, d) => axes[d]!.snap?.(v) ?? v);
    const score = logDensity(l, x) - logDensity(g, x);
    if (score > bestScore) [best, bestScore] = [x, score];
  }
  return Object.fromEntries(axes.map((a, d) => [a.label, a.write(best[d]!)]));
}

/**
 * Optuna's default split: the best ⌈0.1·n⌉ results (at most 25) are good. Ties keep result order,
 * so the split never depends on how a sort breaks them.
 */
function splitGoodBad(observations: readonly TpeObservation[], goal: ObjectiveGoal): { good: TpeObservation[]; bad: TpeObservation[] } {
  const loss = (o: TpeObservation) => (goal === 'maximize' ? -o.value : o.value);
  const ranked = observations
    .map((o, i) => ({ o, i }))
    .sort((a, b) => loss(a.o) - loss(b.o) || a.i - b.i)
    .map(({ o }) => o);
  const goodCount = Math.min(25, Math.ceil(0.1 * ranked.length));
  return { good: ranked.slice(0, goodCount), bad: ranked.slice(goodCount) };
}

/**
 * Every parameter as an axis of the estimator, with how a stored value (the string written into
 * `config.parameter`) maps onto it and back. A value that no longer maps (a category renamed since)
 * gives NaN and its observation is left out.
 */
function axesOf(parameters: Record<string, ParameterSpec>) {
  return Object.entries(parameters).map(([label, spec]) => {
    if ('values' in spec) {
      const texts = spec.values.map(formatParameterValue);
      const axis: ParzenAxis = { kind: 'categorical', size: texts.length };
      return { label, axis, read: (text: string) => indexOrNaN(texts, text), write: (x: number) => texts[x]! };
    }
    const unit = unitAxis(spec);
    const axis: ParzenAxis = { kind: 'numeric' };
    return {
      label,
      axis,
      read: (text: string) => unit.toUnit(Number(text)),
      write: (x: number) => formatParameterValue(unit.fromUnit(x)),
      snap: (x: number) => unit.toUnit(unit.fromUnit(x)),
    };
  });
}

function indexOrNaN(texts: string[], text: string): number {
  const index = texts.indexOf(text);
  return index < 0 ? NaN : index;
}

/** A range mapped onto [0, 1]: linearly, in log space, or as equal bins, one per integer. */
function unitAxis(spec: RangeSpec): { toUnit: (x: number) => number; fromUnit: (u: number) => number } {
  const { min, max } = spec;
  const clamp = (x: number) => Math.min(max, Math.max(min, x));
  switch (spec.distribution ?? 'uniform') {
    case 'int_uniform': {
      const bins = max - min + 1;
      return { toUnit: (x) => (x - min + 0.5) / bins, fromUnit: (u) => clamp(min + Math.floor(u * bins)) };
    }
    case 'log_uniform': {
      const [lo, hi] = [Math.log(min), Math.log(max)];
      return { toUnit: (x) => (Math.log(x) - lo) / (hi - lo), fromUnit: (u) => clamp(Math.exp(lo + u * (hi - lo))) };
    }
    default:
      return { toUnit: (x) => (x - min) / (max - min), fromUnit: (u) => clamp(min + u * (max - min)) };
  }
}
