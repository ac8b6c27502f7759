import type { IntentContext } from './intent-context';
import type { SweepSystem } from './sweep.system';

export interface ReconcileResult {
  submits: number;
  stops: number;
  webhooks: number;
  released: number;
}

// A pending webhook event due this long ago has lost its queue entry (not merely waiting in the queue).
const OVERDUE_GRACE_MS = 30_000;

/**
 * PostgreSQL is the truth and Redis may come back empty (no persistence, a failover, a flush):
 * rebuilds every queue from the store. Safe to run from any number of processes at any time.
 */
export class ReconcileSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly sweeps: SweepSystem,
  ) {}

  async run(): Promise<ReconcileResult> {
    const { store, queues } = this.ctx;
    // Admitted (submitting) records missing from the submit queue, or given up on by BullMQ; queued ones wait for the dispatcher.
    const submits = await store.submissions.forEachUnfinished((page) => queues.ensureSubmitted(page));
    // A requested cancel is honoured whatever ModelArts last said: its stop is sent again.
    const awaiting = await store.cancels.awaitingStop();
    const round = Date.now().toString(36);
    await queues.enqueueStops(awaiting.map((a) => ({ ...a, requestKey: `r${round}` })));
    const lost = await store.deliveries.overdue(OVERDUE_GRACE_MS);
    for (const e of lost) await queues.nudgeWebhook(e.id);
    const { released } = await this.sweeps.advance();
    const result = { submits, stops: awaiting.length, webhooks: lost.length, released };
    if (submits + lost.length + released > 0) this.ctx.logger.info(result, 'reconciled the queues with PostgreSQL');
    return result;
  }
}
