/** A team's own cap, or what holds without one. */
export function formatLimit(value: number | null): string {
  return value === null ? 'no cap' : String(value);
}

/** Active jobs per unit of weight (the fair-share key: lowest goes next); two decimals tell teams apart. */
export function formatShare(value: number): string {
  return String(Math.round(value * 100) / 100);
}
