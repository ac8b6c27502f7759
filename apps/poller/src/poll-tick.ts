import type { Logger } from '@jobgate/logging';
import { mapStatus, ThrottledError } from '@jobgate/modelarts';
import { PENDING_TIMEOUT_ERROR, type JobRow, type PollRepository } from '@jobgate/store';
import { collectStatuses, type PollClient } from './collect-statuses';
import { decideTransition, type Observation } from './decide-transition';
import type { PollBackoff } from './poll-backoff';

export interface PollTickDeps {
  polls: PollRepository;
  client: PollClient;
  backoff: PollBackoff;
  /** Queues webhook events created by the tick's transitions. */
  publishEvents: (eventIds: string[]) => Promise<void>;
  /** Asks the worker to stop the ModelArts job of a job failed for pending too long. */
  stopJob: (row: JobRow) => Promise<void>;
  /** Told about every change (sweeps release their next trials when one ends). */
  onTransition?: (row: JobRow) => Promise<void> | void;
  logger: Logger;
  /** PENDING_TIMEOUT_MS. */
  pendingTimeoutMs: number;
  now?: () => number;
}

export interface TickResult {
  skipped?: 'backoff';
  active: number;
  /** ModelArts calls made by this tick. */
  calls: number;
  changed: number;
}

/** poller.tick: read every active job's ModelArts status in bulk and record what changed. */
export function pollTick(deps: PollTickDeps): () => Promise<TickResult> {
  return async () => {
    const waitMs = await deps.backoff.remainingMs();
    if (waitMs > 0) return { skipped: 'backoff', active: 0, calls: 0, changed: 0 };
    const rows = await deps.polls.activeJobs();
    if (rows.length === 0) return { active: 0, calls: 0, changed: 0 };
    let collected;
    try {
      collected = await collectStatuses(deps.client, rows);
    } catch (err) {
      await backOff(deps, err);
      return { active: rows.length, calls: 0, changed: 0 };
    }
    const changed = await applyAll(deps, rows, collected.observations);
    if (collected.throttled) await backOff(deps, collected.throttled);
    else await deps.backoff.succeeded();
    return { active: rows.length, calls: collected.calls, changed };
  };
}

/** Changes of different jobs are independent (each is conditional on its own row), so a few go at once. */
const APPLY_CONCURRENCY = 8;

async function applyAll(deps: PollTickDeps, rows: JobRow[], observations: Map<string, Observation>): Promise<number> {
  const nowMs = (deps.now ?? Date.now)();
  const eventIds: string[] = [];
  let changed = 0;
  const applyOne = async (row: JobRow) => {
    const obs = observations.get(row.id);
    if (!obs) return;
    if (obs.kind === 'status' && mapStatus(obs.code) === 'unknown' && obs.code !== row.modelarts_status) {
      deps.logger.warn({ jobId: row.id, code: obs.code }, 'ModelArts reported a status code outside the documented table; keeping the job where it is');
    }
    const change = decideTransition(row, obs, { nowMs, pendingTimeoutMs: deps.pendingTimeoutMs });
    if (!change) return;
    const applied = await deps.polls.apply(row, change);
    if (!applied) return; // moved by someone else (a cancel, another poller) since it was read
    changed++;
    eventIds.push(...applied.eventIds);
    await afterChange(deps, row, applied.row);
  };
  let next = 0;
  const lanes = await Promise.allSettled(Array.from({ length: APPLY_CONCURRENCY }, async () => {
    while (next < rows.length) await applyOne(rows[next++]!);
  }));
  // Changes already committed are announced even when another row failed (a lost database
  // connection); otherwise their events would wait for the worker's reconciliation, a minute or more.
  await deps.publishEvents(eventIds);
  const failed = lanes.find((lane) => lane.status === 'rejected');
  if (failed) throw failed.reason;
  return changed;
}

async function afterChange(deps: PollTickDeps, before: JobRow, row: JobRow): Promise<void> {
  const log = deps.logger.child({ jobId: row.id });
  if (before.status !== row.status) log.info({ from: before.status, to: row.status, code: row.modelarts_status }, 'status changed');
  if (row.error_code === PENDING_TIMEOUT_ERROR && before.status !== 'failed') await deps.stopJob(row);
  try {
    await deps.onTransition?.(row);
  } catch (err) {
    log.warn({ err }, 'onTransition hook failed');
  }
}

async function backOff(deps: PollTickDeps, err: unknown): Promise<void> {
  const retryAfterMs = err instanceof ThrottledError ? err.retryAfterMs : null;
  const delayMs = await deps.backoff.failed(retryAfterMs);
  deps.logger.warn({ err, delayMs }, err instanceof ThrottledError ? 'ModelArts throttled the poll; backing off' : 'poll failed; backing off');
}
