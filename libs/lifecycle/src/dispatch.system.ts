import type { DispatchLimits } from '@jobgate/store';
import { runIntent, type IntentContext } from './intent-context';

// How long a pass waits for the cap in force before it applies the last one read.
const CAP_WAIT_MS = 1_000;

export interface DispatchOptions extends DispatchLimits {
  /** How often waiting work is looked for when nothing kicks the loop; default 200 ms. */
  intervalMs?: number;
  /** The cap in force given MAX_ACTIVE_JOBS (the account's quota may be lower); default `maxActive` itself. */
  maxActiveInForce?: (configured: number) => Promise<number>;
}

/**
 * The one scheduling loop (Kueue's admission, in PostgreSQL): whenever capacity frees — a create
 * answered, a job ended — the waiting job that fair share names next is admitted (`submitting`,
 * holding a slot) with its submit entry, in one transaction. Any number of workers run it; a lock
 * makes their passes take turns, and the order is the same whichever runs it.
 */
export class DispatchSystem {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The cap in force as last read, and a read still under way (never two at once). */
  private cap: number | null = null;
  private capRead: Promise<void> | null = null;

  constructor(
    private readonly ctx: IntentContext,
    private readonly options: DispatchOptions,
  ) {}

  /** One pass: admits what the free capacity allows; returns how many. */
  async dispatch(): Promise<number> {
    if (!(await this.ctx.store.dispatch.anyWaiting())) return 0;
    const maxActive = await this.maxActiveInForce();
    const admitted = await runIntent(this.ctx, async (it) => {
      const jobs = await it.tx.dispatch.admit({ maxActive, window: this.options.window, policy: this.options.policy });
      for (const job of jobs) it.follow({ kind: 'submit', ref: job.jobId, requestId: job.requestId });
      return jobs.length;
    });
    if (admitted > 0) this.ctx.logger.debug({ admitted, policy: this.options.policy }, 'admitted waiting jobs');
    return admitted;
  }

  /**
   * The cap in force (the account's quota may be below MAX_ACTIVE_JOBS). Admission never waits on it
   * for long: the quota comes from Redis or ModelArts, and admitting with PostgreSQL alone is what
   * keeps work moving while they are away. Past CAP_WAIT_MS the last cap read applies (at first
   * MAX_ACTIVE_JOBS), and the read goes on for the next pass.
   */
  private async maxActiveInForce(): Promise<number> {
    const { maxActiveInForce, maxActive } = this.options;
    if (!maxActiveInForce) return maxActive;
    this.capRead ??= maxActiveInForce(maxActive)
      .then((cap) => {
        this.cap = cap;
      })
      .catch((err) => this.ctx.logger.warn({ err }, 'could not read the cap in force; the last one applies'))
      .finally(() => {
        this.capRead = null;
      });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.capRead, new Promise<void>((resolve) => (timer = setTimeout(resolve, CAP_WAIT_MS)))]);
    clearTimeout(timer);
    return this.cap ?? maxActive;
  }

  /** Runs a pass soon (capacity just freed); passes never overlap in this process, and a kick during one runs another. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.dispatch().catch((err) => this.ctx.logger.warn({ err }, 'dispatch pass failed; the next one retries'));
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs ?? 200);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
