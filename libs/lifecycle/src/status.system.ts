import { mapStatus } from '@jobgate/modelarts';
import type { JobSnapshot, StatusChange } from '@jobgate/store';
import { decideStatus, PENDING_TIMEOUT_ERROR, type Observation } from './decide-status';
import { runIntent, type IntentContext } from './intent-context';

export interface ApplyStatusesOptions {
  /** PENDING_TIMEOUT_MS. */
  pendingTimeoutMs: number;
  nowMs?: number;
}

/**
 * Changes applied per transaction. Each page is one UPDATE (with its job events), one INSERT of
 * webhook events and one of outbox entries: 10,000 changes in 20 transactions instead of 10,000.
 */
const APPLY_PAGE = 500;
/** Pages applied at once (each on its own connection). */
const APPLY_LANES = 4;

interface Decided {
  before: JobSnapshot;
  change: StatusChange;
}

/** Applying what the poller saw in ModelArts: one transaction per page of changes, with their events and follow-up work. */
export class StatusSystem {
  constructor(private readonly ctx: IntentContext) {}

  /** The jobs the poller follows (they exist in ModelArts and have not ended). */
  activeJobs(): Promise<JobSnapshot[]> {
    return this.ctx.store.polls.activeJobs();
  }

  /**
   * Applies every observation; returns how many jobs changed. Each change is conditional on the
   * status the job was read with: one moved meanwhile (a cancel, another poller) is skipped.
   */
  async applyStatuses(jobs: readonly JobSnapshot[], observations: ReadonlyMap<string, Observation>, options: ApplyStatusesOptions): Promise<number> {
    const settings = { nowMs: options.nowMs ?? Date.now(), pendingTimeoutMs: options.pendingTimeoutMs };
    const decided = jobs.flatMap((job) => {
      const obs = observations.get(job.id);
      const change = obs && this.decide(job, obs, settings);
      return change ? [{ before: job, change }] : [];
    });
    const pages = Array.from({ length: Math.ceil(decided.length / APPLY_PAGE) }, (_, i) => decided.slice(i * APPLY_PAGE, (i + 1) * APPLY_PAGE));
    let changed = 0;
    let failure: unknown;
    let next = 0;
    // Pages hold different jobs, so a few go at once: PostgreSQL works on one while we build the next.
    await Promise.all(
      Array.from({ length: APPLY_LANES }, async () => {
        while (next < pages.length) {
          const page = pages[next++]!;
          // One bad row (a trigger, a lost connection) must not hold back the page's other jobs:
          // the page is then applied job by job, and the first error is thrown once all are done.
          const result = await this.applyPage(page).catch(() => this.applyEach(page));
          changed += result.changed;
          failure ??= result.failure;
        }
      }),
    );
    if (failure !== undefined) throw failure;
    return changed;
  }

  private decide(job: JobSnapshot, obs: Observation, settings: { nowMs: number; pendingTimeoutMs: number }): StatusChange | null {
    if (obs.kind === 'status' && mapStatus(obs.code) === 'unknown' && obs.code !== job.modelarts?.status) {
      this.ctx.logger.warn({ jobId: job.id, code: obs.code }, 'ModelArts reported a status code outside the documented table; keeping the job where it is');
    }
    return decideStatus(job, obs, settings);
  }

  private async applyPage(page: Decided[]): Promise<{ changed: number; failure?: unknown }> {
    const applied = await runIntent(this.ctx, async (it) => {
      const afters = await it.tx.polls.applyStatuses(page);
      const pairs = page.flatMap(({ before }, i) => (afters[i] ? [[before, afters[i]!] as [JobSnapshot, JobSnapshot]] : []));
      await it.announceAll(pairs);
      // A job failed for pending too long is stopped in ModelArts, so it cannot start later unseen.
      page.forEach(({ before, change }, i) => {
        if (afters[i] && change.error?.code === PENDING_TIMEOUT_ERROR) it.follow({ kind: 'stop', ref: before.id, requestId: before.requestId });
      });
      return pairs;
    });
    for (const [before, after] of applied) this.logChange(before, after);
    return { changed: applied.length };
  }

  /** The slow path: one transaction per job, as many as succeed. */
  private async applyEach(page: Decided[]): Promise<{ changed: number; failure?: unknown }> {
    let changed = 0;
    let failure: unknown;
    for (const { before, change } of page) {
      try {
        const after = await runIntent(this.ctx, async (it) => {
          const applied = await it.tx.polls.applyStatus(before, change);
          if (!applied) return null; // moved by someone else since it was read
          await it.announce(before, applied);
          if (change.error?.code === PENDING_TIMEOUT_ERROR) it.follow({ kind: 'stop', ref: before.id, requestId: before.requestId });
          return applied;
        });
        if (after) {
          changed++;
          this.logChange(before, after);
        }
      } catch (err) {
        failure ??= err;
      }
    }
    return { changed, failure };
  }

  private logChange(before: JobSnapshot, after: JobSnapshot): void {
    if (after.status !== before.status)
      this.ctx.logger.info({ jobId: before.id, from: before.status, to: after.status, code: after.modelarts?.status }, 'status changed');
  }
}
