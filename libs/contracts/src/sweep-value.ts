/**
 * How a sweep value is written into `config.parameter[].value`, which ModelArts takes as a string.
 * `String(number)` is already the shortest text that reads back as the same double: `3`, `0.01`,
 * `1e-7`; booleans become `true` / `false`.
 */
export function formatParameterValue(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * The i-th point of a stepped range. `min + i * step` (never a running sum, which drifts) rounded to
 * 15 significant digits, the precision a double carries, so `0.1 + 2 * 0.1` is `0.3`, not
 * `0.30000000000000004`.
 */
export function rangePoint(min: number, step: number, index: number): number {
  const exact = min + index * step;
  return exact === 0 ? 0 : Number(exact.toPrecision(15));
}

/**
 * Points of `{min, max, step}`, `max` included when it lies on the grid. The quotient gets a
 * relative tolerance far above a double's rounding error and far below any step a user means:
 * `(0.3 - 0.1) / 0.1` is 1.9999999999999998 and must count as 2.
 */
export function rangeSize(min: number, max: number, step: number): number {
  const quotient = (max - min) / step;
  return Math.floor(quotient * (1 + 1e-12)) + 1;
}
