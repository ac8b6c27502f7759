/*
 * The density estimator of a Tree-structured Parzen Estimator, over all of a sweep's parameters at
 * once (Optuna's multivariate TPE): one component per observation plus a wide prior, each component
 * a product of one kernel per parameter. Numeric parameters are mapped into [0, 1] by the caller
 * and get Gaussians truncated to [0, 1]; categorical ones get smoothed counts. Pure; seeded by `next`.
 */

/** A parameter as the estimator sees it: a number in [0, 1], or one of `size` categories. */
export type ParzenAxis = { kind: 'numeric' } | { kind: 'categorical'; size: number };

interface Component {
  /** Per axis: the mean (numeric, in [0, 1]) or the observed category index. −1: the prior. */
  centres: number[];
}

export interface ParzenEstimator {
  axes: ParzenAxis[];
  components: Component[];
  /** Per numeric axis, its bandwidth for observation components (the prior has σ = 1). */
  sigma: number;
}

/** Weight of the prior component against 1 per observation (Optuna's default). */
const PRIOR_WEIGHT = 1;
/** Scott's rule factor Optuna uses for multivariate TPE. */
const SIGMA0 = 0.2;

/**
 * The estimator of `points` (one value per axis each). The bandwidth follows Scott's rule,
 * 0.2·n^(−1/(d+4)), clipped from below at 1 / min(100, n + 1) (Optuna's "magic clip") so a few
 * close points never make a spike that the ratio l/g would chase.
 */
export function fitEstimator(points: readonly number[][], axes: ParzenAxis[]): ParzenEstimator {
  const n = points.length;
  const scott = SIGMA0 * Math.max(n, 1) ** (-1 / (axes.length + 4));
  const sigma = Math.min(1, Math.max(scott, 1 / Math.min(100, n + 1)));
  const prior = { centres: axes.map(() => -1) };
  return { axes, sigma, components: [...points.map((p) => ({ centres: [...p] })), prior] };
}

/** A draw: a component (the prior weighted PRIOR_WEIGHT, each observation 1), then each axis's kernel. */
export function sampleEstimator(estimator: ParzenEstimator, next: () => number): number[] {
  const { components } = estimator;
  const weights = components.map((c) => (isPrior(c) ? PRIOR_WEIGHT : 1));
  const component = components[pickIndex(weights, next())]!;
  return estimator.axes.map((axis, d) => {
    const centre = component.centres[d]!;
    if (axis.kind === 'categorical') return pickIndex(categoryKernel(axis.size, centre), next());
    return truncatedNormal(centre < 0 ? 0.5 : centre, centre < 0 ? 1 : estimator.sigma, next);
  });
}

/** log of the estimator's density at `x`, summed over components in log space. */
export function logDensity(estimator: ParzenEstimator, x: readonly number[]): number {
  const { components } = estimator;
  const total = components.reduce((s, c) => s + (isPrior(c) ? PRIOR_WEIGHT : 1), 0);
  const terms = components.map((component) => {
    let log = Math.log((isPrior(component) ? PRIOR_WEIGHT : 1) / total);
    estimator.axes.forEach((axis, d) => {
      const centre = component.centres[d]!;
      if (axis.kind === 'categorical') log += Math.log(categoryKernel(axis.size, centre)[x[d]!]!);
      else log += logTruncatedNormal(x[d]!, centre < 0 ? 0.5 : centre, centre < 0 ? 1 : estimator.sigma);
    });
    return log;
  });
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0));
}

/** The index whose cumulative weight first exceeds u·Σweights (weights need not sum to 1). */
function pickIndex(weights: readonly number[], u: number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    if (u * total < acc) return i;
  }
  return weights.length - 1;
}

function isPrior(component: Component): boolean {
  return component.centres.every((c) => c < 0);
}

// An observed category gets 1 plus PRIOR_WEIGHT spread over all; the prior (−1) is uniform.
function categoryKernel(size: number, observed: number): number[] {
  const spread = PRIOR_WEIGHT / size;
  const total = observed < 0 ? PRIOR_WEIGHT : 1 + PRIOR_WEIGHT;
  return Array.from({ length: size }, (_, k) => (spread + (k === observed ? 1 : 0)) / total);
}

// Rejection: σ ≤ 1 and μ in [0, 1] put at least ~1/3 of the mass inside; 64 misses in a row are
// far past chance, and μ is still a valid point.
function truncatedNormal(mu: number, sigma: number, next: () => number): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const x = mu + sigma * standardNormal(next);
    if (x >= 0 && x <= 1) return x;
  }
  return mu;
}

function logTruncatedNormal(x: number, mu: number, sigma: number): number {
  const mass = normalCdf((1 - mu) / sigma) - normalCdf(-mu / sigma);
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
}

// Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
function standardNormal(next: () => number): number {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// Φ through erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7: far finer than TPE needs).
function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-x * x));
}
