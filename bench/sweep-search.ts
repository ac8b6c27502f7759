/**
 * The search half of `npm run bench:sweep`: `bayes` (TPE) against `random` on known functions,
 * 30 trials each, over 20 seeds, run in-process on the samplers themselves (no jobgate processes:
 * what is measured is the proposals, not the plumbing).
 */
import { proposeTrial, randomTrials, shouldStopAtMedian, type ParameterSpec, type TpeObservation, type TrialValues } from '@jobgate/contracts';

const TRIALS = 30;
const SEEDS = 20;

interface Problem {
  name: string;
  parameters: Record<string, ParameterSpec>;
  objective: (values: TrialValues) => number;
  /** Global minimum, for the report. */
  optimum: number;
}

/** Branin on [−5, 10] × [0, 15]: three global minima of 0.397887. */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

const PROBLEMS: Problem[] = [
  {
    name: 'Branin (2 uniform)',
    parameters: { x1: { min: -5, max: 10 }, x2: { min: 0, max: 15 } },
    objective: (v) => branin(Number(v.x1), Number(v.x2)),
    optimum: 0.397887,
  },
  {
    // A training-run stand-in over all four kinds: best at lr 1e-3, 4 layers, dropout 0.2, adam.
    name: '4 params (log, int, uniform, categorical)',
    parameters: {
      lr: { min: 1e-5, max: 1, distribution: 'log_uniform' },
      layers: { min: 1, max: 8, distribution: 'int_uniform' },
      dropout: { min: 0, max: 0.8 },
      optimizer: { values: ['sgd', 'adam', 'rmsprop'] },
    },
    objective: (v) =>
      (Math.log10(Number(v.lr)) + 3) ** 2 +
      0.3 * (Number(v.layers) - 4) ** 2 +
      8 * (Number(v.dropout) - 0.2) ** 2 +
      ({ sgd: 1, adam: 0, rmsprop: 0.5 }[v.optimizer!] ?? 9),
    optimum: 0,
  },
];

/** One row per problem: seeds where bayes found a strictly better best value, and mean bests. */
export function compareSearch(): Record<string, string | number>[] {
  return PROBLEMS.map((problem) => {
    let wins = 0;
    let bayesSum = 0;
    let randomSum = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const bayes = bayesBest(problem, seed);
      const random = Math.min(...randomTrials(problem.parameters, TRIALS, seed).map(problem.objective));
      if (bayes < random) wins++;
      bayesSum += bayes;
      randomSum += random;
    }
    return {
      problem: problem.name,
      trials: TRIALS,
      seeds: SEEDS,
      'bayes better': `${wins}/${SEEDS}`,
      'mean best bayes': bayesSum / SEEDS,
      'mean best random': randomSum / SEEDS,
      optimum: problem.optimum,
    };
  });
}

function bayesBest(problem: Problem, seed: number): number {
  const observations: TpeObservation[] = [];
  for (let index = 0; index < TRIALS; index++) {
    const parameters = proposeTrial(problem.parameters, observations, { seed, index, goal: 'minimize' });
    observations.push({ parameters, value: problem.objective(parameters) });
  }
  return Math.min(...observations.map((o) => o.value));
}

const STEPS = 10;

/**
 * Median stopping on the same 30 random trials per seed, each a 10-step run whose curve falls from
 * its value + 20 towards its value (the training simulator's curve), run one after another so every
 * earlier trial's curve is known: job-minutes (one per step run) with and without stopping, and
 * whether the best final value stayed the same.
 */
export function compareStopping(): Record<string, string | number>[] {
  return PROBLEMS.map((problem) => {
    let fullMinutes = 0;
    let stoppedMinutes = 0;
    let sameBest = 0;
    let stoppedTrials = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const targets = randomTrials(problem.parameters, TRIALS, seed).map(problem.objective);
      const curves: Array<Array<{ step: number; value: number }>> = [];
      const finals: number[] = [];
      for (const target of targets) {
        const curve: Array<{ step: number; value: number }> = [];
        let stopped = false;
        for (let step = 0; step < STEPS && !stopped; step++) {
          curve.push({ step, value: target + 20 * 0.6 ** step });
          stopped = shouldStopAtMedian(curve, curves, { goal: 'minimize', minTrials: 5, startStep: 3 });
        }
        curves.push(curve);
        stoppedMinutes += curve.length;
        if (stopped) stoppedTrials++;
        else finals.push(target);
      }
      fullMinutes += TRIALS * STEPS;
      if (Math.min(...finals) === Math.min(...targets)) sameBest++;
    }
    return {
      problem: problem.name,
      'job-minutes without': fullMinutes,
      'job-minutes with median stopping': stoppedMinutes,
      saved: `${(100 * (1 - stoppedMinutes / fullMinutes)).toFixed(1)}%`,
      'trials stopped': stoppedTrials,
      'same best value': `${sameBest}/${SEEDS}`,
    };
  });
}
