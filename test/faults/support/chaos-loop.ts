/**
 * Repeats a disruption (kill a process, cut connections…) every `intervalMs` while the scenario's
 * load runs, one at a time, and stops cleanly: `stop()` waits for a disruption in progress and
 * rethrows the first error, so a broken disruption fails the test instead of passing silently.
 */
export interface ChaosLoop {
  /** Disruptions done so far. */
  readonly count: number;
  stop(): Promise<number>;
}

export function chaosLoop(intervalMs: number, disrupt: (n: number) => Promise<void>): ChaosLoop {
  let stopped = false;
  let count = 0;
  let wake: () => void = () => undefined;
  const running = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
      if (stopped) return;
      await disrupt(++count);
    }
  })();
  return {
    get count() {
      return count;
    },
    async stop() {
      stopped = true;
      wake();
      await running;
      return count;
    },
  };
}
