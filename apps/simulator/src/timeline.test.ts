import { DEFAULT_TIMELINE, durationAt, initialPlan, startTimeAt, statusAt } from './timeline';

const T0 = 1_700_000_000_000;

describe('timeline', () => {
  it('walks INIT → WAITING → RUNNING → COMPLETED at the configured offsets', () => {
    const plan = initialPlan(T0, DEFAULT_TIMELINE, 10);
    const at = (ms: number) => statusAt(plan, T0 + ms);
    expect([at(0), at(199), at(200), at(499), at(500), at(1499), at(1500), at(99_999)]).toEqual([1, 1, 7, 7, 8, 8, 10, 10]);
    expect(startTimeAt(plan, T0 + 400)).toBe(0);
    expect(startTimeAt(plan, T0 + 600)).toBe(T0 + 500);
    expect(durationAt(plan, T0 + 800)).toBe(300);
    expect(durationAt(plan, T0 + 50_000)).toBe(1000);
  });

  it('routes a KILLED outcome through KILLING, as a stop from the console would', () => {
    const plan = initialPlan(T0, { initMs: 10, waitingMs: 10, runningMs: 10, killMs: 50 }, 12);
    expect(plan.map((c) => c.status)).toEqual([1, 7, 8, 9, 12]);
    expect(statusAt(plan, T0 + 35)).toBe(9);
    expect(statusAt(plan, T0 + 80)).toBe(12);
  });
});
