import type { ParameterSpec, RangeSpec } from './sweep-request';
import { formatParameterValue, rangePoint, rangeSize } from './sweep-value';
import type { ValidationIssue } from './validation-result';

/** One trial's parameter values: label → the string written into `config.parameter`. */
export type TrialValues = Record<string, string>;

/**
 * The grid's size, refused before a single point is made when it is larger than `maxTrials`.
 * The message names each axis so the user sees which one to shrink.
 */
export function gridSizeIssue(parameters: Record<string, ParameterSpec>, maxTrials: number, capName: string): ValidationIssue | null {
  const sizes = Object.values(parameters).map(axisSize);
  const total = sizes.reduce((product, size) => product * size, 1);
  if (total <= maxTrials) return null;
  const sum = sizes.length > 1 ? `${sizes.join('×')} = ${total}` : `${total}`;
  return { path: 'parameters', message: `grid has ${sum} trials, more than ${capName}` };
}

/**
 * The cartesian product in the order of nested loops over the labels as given: the first label
 * changes slowest, the last fastest (as Python's itertools.product), so trial numbers are stable.
 */
export function gridTrials(parameters: Record<string, ParameterSpec>): TrialValues[] {
  const axes = Object.entries(parameters).map(([label, spec]) => ({ label, points: axisPoints(spec) }));
  const total = axes.reduce((product, axis) => product * axis.points.length, 1);
  const trials: TrialValues[] = [];
  for (let index = 0; index < total; index++) {
    // `index` written in mixed radix, one digit per axis, the last axis least significant.
    const digits = new Array<number>(axes.length);
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      const size = axes[a]!.points.length;
      digits[a] = rest % size;
      rest = Math.floor(rest / size);
    }
    trials.push(Object.fromEntries(axes.map((axis, a) => [axis.label, axis.points[digits[a]!]!])));
  }
  return trials;
}

function axisSize(spec: ParameterSpec): number {
  if ('values' in spec) return spec.values.length;
  return rangeSize(spec.min, spec.max, (spec as Required<RangeSpec>).step);
}

function axisPoints(spec: ParameterSpec): string[] {
  if ('values' in spec) return spec.values.map(formatParameterValue);
  const step = (spec as Required<RangeSpec>).step;
  return Array.from({ length: axisSize(spec) }, (_, i) => formatParameterValue(rangePoint(spec.min, step, i)));
}
