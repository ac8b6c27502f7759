import type { StoredJob, StoredVersion } from './state';
import { isTerminal, startTimeAt, statusAt } from './timeline';

/** Lines cap of a version pinned RUNNING for good, so a forgotten test cannot grow a log without end. */
const MAX_LINES = 100_000;

/**
 * Where a version's logs stand (reference §2.12): `not_ready` until it starts RUNNING
 * (204 ModelArts.2776 NotReadyToFetchLog), `never` once it ended without running
 * (ModelArts.2818 LogFileNotGenerated), `cleared` after its logs were cleaned up
 * (ModelArts.2819 LogFileHasCleared), `ready` otherwise.
 */
export type LogState = 'not_ready' | 'never' | 'cleared' | 'ready';

export function logState(version: StoredVersion, now: number): LogState {
  if (startTimeAt(version.plan, now) === 0) return isTerminal(statusAt(version.plan, now)) ? 'never' : 'not_ready';
  return version.logs_cleared ? 'cleared' : 'ready';
}

/** One file per worker, as a distributed job writes them: `job-<name>.0`, `job-<name>.1`, … */
export function logFileNames(job: StoredJob, version: StoredVersion): string[] {
  const workers = Number(version.config.worker_server_num);
  const count = Number.isInteger(workers) && workers > 0 ? Math.min(workers, 64) : 1;
  const slug = job.job_name.toLowerCase().replace(/_/g, '-');
  return Array.from({ length: count }, (_, i) => `job-${slug}.${i}`);
}

/**
 * The lines a file holds at `now`: `perRun` lines spread evenly over the RUNNING phase of the
 * timeline (`runningMs`), so a version that ran its course has exactly `perRun`, one stopped early
 * fewer, and one pinned RUNNING keeps writing at the same pace.
 */
export function linesAt(version: StoredVersion, now: number, pace: { perRun: number; runningMs: number }): number {
  const start = startTimeAt(version.plan, now);
  if (!start) return 0;
  const end = version.plan.find((c) => c.at >= start && c.at <= now && isTerminal(c.status))?.at ?? now;
  const written = Math.floor(((end - start) * pace.perRun) / Math.max(1, pace.runningMs));
  return Math.min(MAX_LINES, Math.max(1, written));
}

/** Line `n` (1-based) of worker `file`'s log: a start line with the parameters, steps, and how it ended. */
export function lineText(job: StoredJob, version: StoredVersion, at: { file: number; files: number; n: number; total: number; now: number }): string {
  const prefix = `[worker ${at.file + 1}/${at.files}]`;
  if (at.n === 1) return `${prefix} ${job.job_name} ${version.version_name} started: ${parameters(version.config)}`;
  const status = statusAt(version.plan, at.now);
  if (at.n === at.total && status === 10) return `${prefix} training completed`;
  if (at.n === at.total && status === 11) return `${prefix} training failed: exit code 1`;
  return `${prefix} step ${at.n - 1}: loss=${(2 / (at.n + 1)).toFixed(4)}`;
}

function parameters(config: Record<string, unknown>): string {
  const list = Array.isArray(config.parameter) ? (config.parameter as Array<{ label?: unknown; value?: unknown }>) : [];
  return list.length ? list.map((p) => `${String(p.label)}=${String(p.value)}`).join(' ') : '(no parameters)';
}
