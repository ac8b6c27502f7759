import { mulberry32 } from './sweep-mulberry32';

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // First output for seed 1 as published with the original algorithm and its common JS ports.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
  });

  it('repeats a sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(123456789);
    const b = mulberry32(123456789);
    const drawn = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(drawn);
    expect(drawn.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = drawn.reduce((s, v) => s + v, 0) / drawn.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('treats seeds as unsigned 32-bit integers', () => {
    expect(mulberry32(2 ** 32 - 1)()).toBe(mulberry32(-1)());
  });
});
