import { nextRetryDelayMs } from './retry-schedule';

describe('nextRetryDelayMs', () => {
  const schedule = [5, 300, 1800, 7200, 18000, 36000, 36000];

  it('waits the n-th scheduled delay after the n-th failure, then gives up', () => {
    expect(nextRetryDelayMs(schedule, 1)).toBe(5_000);
    expect(nextRetryDelayMs(schedule, 2)).toBe(300_000);
    expect(nextRetryDelayMs(schedule, 7)).toBe(36_000_000);
    expect(nextRetryDelayMs(schedule, 8)).toBeNull();
  });

  it('gives 1 + schedule length attempts in all', () => {
    let failures = 0;
    while (nextRetryDelayMs([1, 1, 1], failures + 1) !== null) failures++;
    expect(failures + 1).toBe(4);
  });

  it('gives up after the first failure with an empty schedule', () => {
    expect(nextRetryDelayMs([], 1)).toBeNull();
  });
});
