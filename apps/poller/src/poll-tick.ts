import type { AccountSystem, ReadGate, StatusSystem, SweepSystem } from '@jobgate/lifecycle';
import type { Logger } from '@jobgate/logging';
import { ThrottledError } from '@jobgate/modelarts';
import { collectStatuses, type PollClient } from './collect-statuses';
import type { PollBackoff } from './poll-backoff';

export interface PollTickDeps {
  statuses: StatusSystem;
  /** Sweeps release their next trials into slots that ended jobs freed, and finish. */
  sweeps: SweepSystem;
  client: PollClient;
  backoff: PollBackoff;
  logger: Logger;
  /** PENDING_TIMEOUT_MS. */
  pendingTimeoutMs: number;
  /** Told the account quota each list call reports (§6.3), for every role to apply; default none. */
  account?: Pick<AccountSystem, 'observeQuota'>;
  /**
   * The window of on-demand reads (logs, the account's lists): paused while the poll backs off, so
   * when ModelArts recovers from throttling the poll gets the first calls. Default none.
   */
  readGate?: Pick<ReadGate, 'pauseFor'>;
  now?: () => number;
}

export interface TickResult {
  skipped?: 'backoff';
  active: number;
  /** ModelArts calls made by this tick. */
  calls: number;
  changed: number;
  sweeps: { released: number; finished: number };
}

/** poller.tick: read every active job's ModelArts status in bulk, apply what changed, advance sweeps. */
export function pollTick(deps: PollTickDeps): () => Promise<TickResult> {
  return async () => {
    const polled = await poll(deps);
    const sweeps = await deps.sweeps.advance();
    return { ...polled, sweeps };
  };
}

async function poll(deps: PollTickDeps): Promise<Omit<TickResult, 'sweeps'>> {
  const waitMs = await deps.backoff.remainingMs();
  if (waitMs > 0) return { skipped: 'backoff', active: 0, calls: 0, changed: 0 };
  const jobs = await deps.statuses.activeJobs();
  if (jobs.length === 0) return { active: 0, calls: 0, changed: 0 };
  let collected;
  try {
    collected = await collectStatuses(deps.client, jobs);
  } catch (err) {
    await backOff(deps, err);
    return { active: jobs.length, calls: 0, changed: 0 };
  }
  const changed = await deps.statuses.applyStatuses(jobs, collected.observations, { pendingTimeoutMs: deps.pendingTimeoutMs, nowMs: (deps.now ?? Date.now)() });
  if (collected.quota && deps.account) {
    await deps.account.observeQuota(collected.quota).catch((err) => deps.logger.warn({ err }, 'could not share the account quota'));
  }
  if (collected.throttled) await backOff(deps, collected.throttled);
  else await deps.backoff.succeeded();
  return { active: jobs.length, calls: collected.calls, changed };
}

async function backOff(deps: PollTickDeps, err: unknown): Promise<void> {
  const retryAfterMs = err instanceof ThrottledError ? err.retryAfterMs : null;
  const delayMs = await deps.backoff.failed(retryAfterMs);
  await deps.readGate?.pauseFor(delayMs).catch(() => undefined);
  deps.logger.warn({ err, delayMs }, err instanceof ThrottledError ? 'ModelArts throttled the poll; backing off' : 'poll failed; backing off');
}
