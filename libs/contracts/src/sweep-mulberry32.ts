/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit generator with a period of 2^32, small enough
 * to read and port, so a sweep's trials can be recomputed from its stored seed by any tool. Not for
 * anything secret.
 * Returns a function yielding floats in [0, 1), each with 32 random bits.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
