import type { DispatchLimits } from '@jobgate/store';
import { runIntent, type IntentContext } from './intent-context';

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

  constructor(private readonly ctx: IntentContext, private readonly options: DispatchOptions) {}

  /** One pass: admits what the free capacity allows; returns how many. */
  async dispatch(): Promise<number> {
    if (!(await this.ctx.store.dispatch.anyWaiting())) return 0;
    const { maxActiveInForce, ...limits } = this.options;
    const maxActive = maxActiveInForce ? await maxActiveInForce(limits.maxActive) : limits.maxActive;
    const admitted = await runIntent(this.ctx, async (it) => {
      const jobs = await it.tx.dispatch.admit({ ...limits, maxActive });
      for (const job of jobs) it.follow({ kind: 'submit', ref: job.jobId, requestId: job.requestId });
      return jobs.length;
    });
    if (admitted > 0) this.ctx.logger.debug({ admitted, policy: this.options.policy }, 'admitted waiting jobs');
    return admitted;
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
