import { randomTrials } from './sweep-random';
import type { ParameterSpec } from './sweep-request';
import { proposeTrial, TPE_STARTUP_TRIALS, type TpeObservation } from './sweep-tpe';
import type { ObjectiveGoal } from './sweep-limits';
import type { TrialValues } from './sweep-grid';

/** Branin on [−5, 10] × [0, 15]; global minimum 0.397887. */
function branin(v: TrialValues): number {
  const [x1, x2] = [Number(v.x1), Number(v.x2)];
  return (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}
const BRANIN: Record<string, ParameterSpec> = { x1: { min: -5, max: 10 }, x2: { min: 0, max: 15 } };

function run(
  parameters: Record<string, ParameterSpec>,
  objective: (v: TrialValues) => number,
  options: { seed: number; trials: number; goal?: ObjectiveGoal },
) {
  const observations: TpeObservation[] = [];
  for (let index = 0; index < options.trials; index++) {
    const values = proposeTrial(parameters, observations, { seed: options.seed, index, goal: options.goal ?? 'minimize' });
    observations.push({ parameters: values, value: objective(values) });
  }
  return observations;
}

describe('proposeTrial (TPE)', () => {
  it('starts with the random sweep’s own trials for the same seed', () => {
    const observations = run(BRANIN, branin, { seed: 7, trials: TPE_STARTUP_TRIALS });
    expect(observations.map((o) => o.parameters)).toEqual(randomTrials(BRANIN, TPE_STARTUP_TRIALS, 7));
  });

  it('proposes the same trials for the same results in the same order, and others for another seed', () => {
    const a = run(BRANIN, branin, { seed: 42, trials: 25 });
    expect(run(BRANIN, branin, { seed: 42, trials: 25 })).toEqual(a);
    expect(run(BRANIN, branin, { seed: 43, trials: 25 })).not.toEqual(a);
    // A proposal depends on its index, so trials released together without results still differ.
    const results = a.slice(0, 12);
    expect(proposeTrial(BRANIN, results, { seed: 42, index: 12, goal: 'minimize' })).not.toEqual(
      proposeTrial(BRANIN, results, { seed: 42, index: 13, goal: 'minimize' }),
    );
  });

  it('concentrates on the good region of Branin: its later proposals beat random ones on average', () => {
    let tpeBest = 0;
    let randomBest = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const tpe = run(BRANIN, branin, { seed, trials: 40 });
      tpeBest += Math.min(...tpe.map((o) => o.value));
      randomBest += Math.min(...randomTrials(BRANIN, 40, seed).map(branin));
      // After the start-up trials TPE samples near good points: most of its proposals score far
      // below the mean of Branin over the box (≈ 54).
      const late = tpe.slice(20).map((o) => o.value);
      expect(late.filter((v) => v < 20).length).toBeGreaterThan(late.length / 2);
    }
    expect(tpeBest / 10).toBeLessThan(randomBest / 10);
    expect(tpeBest / 10).toBeLessThan(1.5);
  });

  it('maximises when asked: a concave quadratic’s peak at 3 is approached', () => {
    const quadratic = (v: TrialValues) => -((Number(v.x) - 3) ** 2);
    const observations = run({ x: { min: -10, max: 10 } }, quadratic, { seed: 5, trials: 40, goal: 'maximize' });
    const best = Math.max(...observations.map((o) => o.value));
    expect(best).toBeGreaterThan(-0.05);
    // Random draws land within 2 of the peak 20% of the time.
    const late = observations.slice(20).map((o) => Math.abs(Number(o.parameters.x) - 3));
    expect(late.filter((d) => d < 2).length).toBeGreaterThan(late.length * 0.4);
  });

  it('keeps every kind of parameter in its space and learns each', () => {
    const parameters: Record<string, ParameterSpec> = {
      lr: { min: 1e-5, max: 1, distribution: 'log_uniform' },
      layers: { min: 1, max: 8, distribution: 'int_uniform' },
      dropout: { min: 0, max: 0.8 },
      optimizer: { values: ['sgd', 'adam', 1.5, true] },
    };
    const objective = (v: TrialValues) =>
      (Math.log10(Number(v.lr)) + 3) ** 2 + (Number(v.layers) - 6) ** 2 + (Number(v.dropout) - 0.2) ** 2 + (v.optimizer === 'adam' ? 0 : 2);
    const observations = run(parameters, objective, { seed: 11, trials: 60 });
    for (const { parameters: v } of observations) {
      expect(Number(v.lr)).toBeGreaterThanOrEqual(1e-5);
      expect(Number(v.lr)).toBeLessThanOrEqual(1);
      expect(Number.isInteger(Number(v.layers)) && Number(v.layers) >= 1 && Number(v.layers) <= 8).toBe(true);
      expect(Number(v.dropout)).toBeGreaterThanOrEqual(0);
      expect(Number(v.dropout)).toBeLessThanOrEqual(0.8);
      expect(['sgd', 'adam', '1.5', 'true']).toContain(v.optimizer);
    }
    // Random draws pick adam 25% of the time and 5–7 layers 37.5% of the time.
    const late = observations.slice(30).map((o) => o.parameters);
    expect(late.filter((v) => v.optimizer === 'adam').length).toBeGreaterThan(late.length * 0.4);
    expect(late.filter((v) => Math.abs(Number(v.layers) - 6) <= 1).length).toBeGreaterThan(late.length * 0.55);
  });

  it('leaves out results whose values no longer fit the space and results that are not numbers', () => {
    const parameters: Record<string, ParameterSpec> = { opt: { values: ['a', 'b'] } };
    const observations: TpeObservation[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ parameters: { opt: i % 2 ? 'a' : 'b' }, value: i % 2 ? 0 : 1 })),
      { parameters: { opt: 'gone' }, value: -100 },
      { parameters: { opt: 'b' }, value: NaN },
    ];
    const proposed = Array.from({ length: 20 }, (_, index) => proposeTrial(parameters, observations, { seed: 1, index, goal: 'minimize' }).opt);
    expect(proposed.filter((o) => o === 'a').length).toBeGreaterThan(14);
  });
});
