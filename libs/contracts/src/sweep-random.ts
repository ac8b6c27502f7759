import type { ParameterSpec } from './sweep-request';
import { mulberry32 } from './sweep-mulberry32';
import type { TrialValues } from './sweep-grid';
import { formatParameterValue } from './sweep-value';

/**
 * `count` trials drawn from one mulberry32 stream: trial by trial, label by label in the order
 * given. The same seed and search space always give the same trials.
 */
export function randomTrials(parameters: Record<string, ParameterSpec>, count: number, seed: number): TrialValues[] {
  const next = mulberry32(seed);
  const entries = Object.entries(parameters);
  return Array.from({ length: count }, () => Object.fromEntries(entries.map(([label, spec]) => [label, draw(spec, next)])));
}

function draw(spec: ParameterSpec, next: () => number): string {
  if ('values' in spec) return formatParameterValue(spec.values[Math.floor(next() * spec.values.length)]!);
  const { min, max } = spec;
  switch (spec.distribution ?? 'uniform') {
    case 'int_uniform':
      // Both bounds inclusive: max − min + 1 equally likely integers.
      return formatParameterValue(min + Math.floor(next() * (max - min + 1)));
    case 'log_uniform': {
      // Uniform in log space, for learning rates and other scales; clamped against exp/log rounding.
      const value = Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min)));
      return formatParameterValue(Math.min(max, Math.max(min, value)));
    }
    default:
      return formatParameterValue(min + next() * (max - min));
  }
}

/**
 * Trial `index` (0-based) of `randomTrials(parameters, index + 1, seed)` without drawing the ones
 * before it: each trial takes exactly one draw per parameter, so the stream is skipped ahead.
 */
export function randomTrialAt(parameters: Record<string, ParameterSpec>, index: number, seed: number): TrialValues {
  const next = mulberry32(seed);
  const entries = Object.entries(parameters);
  for (let skipped = 0; skipped < index * entries.length; skipped++) next();
  return Object.fromEntries(entries.map(([label, spec]) => [label, draw(spec, next)]));
}
