/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Seeded when a seed is given (mulberry32: tiny, fast, good enough to decide faults), so a test that
 * sets `faults.seed` sees the same sequence of injected failures on every run; Math.random otherwise.
 */
export function createRandomSource(seed?: number): RandomSource {
  if (seed === undefined) return Math.random;
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
