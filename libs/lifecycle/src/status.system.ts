import { mapStatus } from '@jobgate/modelarts';
import type { JobSnapshot } from '@jobgate/store';
import { decideStatus, PENDING_TIMEOUT_ERROR, type Observation } from './decide-status';
import { runIntent, type IntentContext } from './intent-context';

export interface ApplyStatusesOptions {
  /** PENDING_TIMEOUT_MS. */
  pendingTimeoutMs: number;
  nowMs?: number;
}

/** Changes of different jobs are independent (each is conditional on its own row), so a few go at once. */
const APPLY_CONCURRENCY = 8;

/** Applying what the poller saw in ModelArts: one transaction per change, with its events and follow-up work. */
export class StatusSystem {
  constructor(private readonly ctx: IntentContext) {}

  /** The jobs the poller follows (they exist in ModelArts and have not ended). */
  activeJobs(): Promise<JobSnapshot[]> {
    return this.ctx.store.polls.activeJobs();
  }

  /** Applies every observation; returns how many jobs changed. A failure of one job is thrown after the others are done. */
  async applyStatuses(jobs: readonly JobSnapshot[], observations: ReadonlyMap<string, Observation>, options: ApplyStatusesOptions): Promise<number> {
    const nowMs = options.nowMs ?? Date.now();
    let changed = 0;
    let next = 0;
    const lanes = await Promise.allSettled(Array.from({ length: APPLY_CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const obs = observations.get(job.id);
        if (obs && (await this.applyOne(job, obs, { nowMs, pendingTimeoutMs: options.pendingTimeoutMs }))) changed++;
      }
    }));
    const failed = lanes.find((lane) => lane.status === 'rejected');
    if (failed) throw failed.reason;
    return changed;
  }

  private async applyOne(job: JobSnapshot, obs: Observation, settings: { nowMs: number; pendingTimeoutMs: number }): Promise<boolean> {
    const log = this.ctx.logger.child({ jobId: job.id });
    if (obs.kind === 'status' && mapStatus(obs.code) === 'unknown' && obs.code !== job.modelarts?.status) {
      log.warn({ code: obs.code }, 'ModelArts reported a status code outside the documented table; keeping the job where it is');
    }
    const change = decideStatus(job, obs, settings);
    if (!change) return false;
    const after = await runIntent(this.ctx, async (it) => {
      const applied = await it.tx.polls.applyStatus(job, change);
      if (!applied) return null; // moved by someone else (a cancel, another poller) since it was read
      await it.announce(job, applied);
      // A job failed for pending too long is stopped in ModelArts, so it cannot start later unseen.
      if (change.error?.code === PENDING_TIMEOUT_ERROR) it.follow({ kind: 'stop', ref: job.id, requestId: job.requestId });
      return applied;
    });
    if (after && after.status !== job.status) log.info({ from: job.status, to: after.status, code: after.modelarts?.status }, 'status changed');
    return after !== null;
  }
}
