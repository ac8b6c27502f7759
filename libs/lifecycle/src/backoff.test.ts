import { fullJitterDelay } from './backoff';

describe('fullJitterDelay', () => {
  it('grows exponentially within the cap and uses the whole range', () => {
    expect(fullJitterDelay(1, null, { random: () => 0.999 })).toBe(999);
    expect(fullJitterDelay(3, null, { random: () => 0.999 })).toBe(3996);
    expect(fullJitterDelay(30, null, { random: () => 0.999, capMs: 60_000 })).toBe(59_940);
    expect(fullJitterDelay(5, null, { random: () => 0 })).toBe(0);
  });

  it('honours Retry-After when it is longer than the jittered delay', () => {
    expect(fullJitterDelay(1, 5_000, { random: () => 0.5 })).toBe(5_000);
    expect(fullJitterDelay(10, 100, { random: () => 0.5 })).toBe(30_000);
  });
});
