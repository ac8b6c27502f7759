/** How long a simulated job spends in each phase; statuses are computed from these lazily. */
export interface Timeline {
  /** Time in INIT (1) after create. Default 200. */
  initMs: number;
  /** Time in WAITING (7). Default 300. */
  waitingMs: number;
  /** Time in RUNNING (8) before the job ends on its own. Default 1000. */
  runningMs: number;
  /** Time in KILLING (9) after a stop, before KILLED (12). Default 200. */
  killMs: number;
}

export const DEFAULT_TIMELINE: Readonly<Timeline> = Object.freeze({ initMs: 200, waitingMs: 300, runningMs: 1000, killMs: 200 });

/** One entry of a job's schedule: from `at` (epoch ms) on, the job has `status`. */
export interface StatusChange {
  status: number;
  at: number;
}

/** Statuses a job never leaves on its own (reference §3, "Terminal?" column). */
export const TERMINAL_STATUSES: ReadonlySet<number> = new Set([3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21, 22]);

export function isTerminal(status: number): boolean {
  return TERMINAL_STATUSES.has(status);
}

/**
 * The whole future of a job, fixed at create time: INIT → WAITING → RUNNING → outcome. A KILLED
 * outcome passes through KILLING, as a stop from the console would. No timers: readers look up now.
 */
export function initialPlan(createdAt: number, timeline: Timeline, outcome: 10 | 11 | 12): StatusChange[] {
  const waitingAt = createdAt + timeline.initMs;
  const runningAt = waitingAt + timeline.waitingMs;
  const endAt = runningAt + timeline.runningMs;
  const plan = [
    { status: 1, at: createdAt },
    { status: 7, at: waitingAt },
    { status: 8, at: runningAt },
  ];
  if (outcome === 12) return [...plan, { status: 9, at: endAt }, { status: 12, at: endAt + timeline.killMs }];
  return [...plan, { status: outcome, at: endAt }];
}

/** Status at `now`: the last schedule entry that has already begun. */
export function statusAt(plan: readonly StatusChange[], now: number): number {
  for (let i = plan.length - 1; i > 0; i--) if (plan[i].at <= now) return plan[i].status;
  return plan[0].status;
}

/** The schedule entries that have happened by `now` (the first one always has). */
export function historyAt(plan: readonly StatusChange[], now: number): StatusChange[] {
  return plan.filter((change, i) => i === 0 || change.at <= now);
}

/** Keeps what has happened and replaces the future with `next`. */
export function rewritePlan(plan: readonly StatusChange[], now: number, next: StatusChange[]): StatusChange[] {
  return [...historyAt(plan, now), ...next];
}

/** When training started (entered RUNNING), or 0 while it has not. */
export function startTimeAt(plan: readonly StatusChange[], now: number): number {
  return plan.find((c) => c.status === 8 && c.at <= now)?.at ?? 0;
}

/** Milliseconds spent since training started, up to the end or `now`; 0 before it starts. */
export function durationAt(plan: readonly StatusChange[], now: number): number {
  const start = startTimeAt(plan, now);
  if (!start) return 0;
  const end = plan.find((c) => c.at >= start && c.at <= now && isTerminal(c.status))?.at ?? now;
  return Math.max(0, end - start);
}
