/** jobgate's terminal status for a terminal ModelArts status code (docs/architecture.md, "Job lifecycle"). */
const TERMINAL: Record<number, string> = {
  10: 'succeeded',
  20: 'succeeded',
  12: 'canceled',
  13: 'canceled',
  3: 'failed',
  5: 'failed',
  6: 'failed',
  11: 'failed',
  14: 'failed',
  16: 'failed',
  17: 'failed',
  21: 'failed',
  22: 'failed',
};

/** The status a record must end in for a simulator job in status `code`; undefined while it is still going. */
export function simOutcome(code: number): string | undefined {
  return TERMINAL[code];
}
