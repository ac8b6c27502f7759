import type { SweepSummary } from '@jobgate/contracts';
import { runIntent, type IntentContext } from './intent-context';

/**
 * Sweep progress, all decided from PostgreSQL under each sweep's row lock: releasing trials into free
 * `max_parallel` slots and ending sweeps whose trials have all ended (with one `sweep.completed`).
 * Safe from any number of processes at once, and after any restart.
 */
export class SweepSystem {
  constructor(private readonly ctx: IntentContext) {}

  /** Releases what can be released and finishes what has finished, across every open sweep. */
  async advance(): Promise<{ released: number; finished: number }> {
    let released = 0;
    for (const id of await this.ctx.store.sweeps.withPendingTrials()) released += await this.release(id);
    let finished = 0;
    for (const id of await this.ctx.store.sweeps.open()) if (await this.finish(id)) finished++;
    if (released > 0) this.ctx.logger.info({ released }, 'released waiting sweep trials');
    return { released, finished };
  }

  /** Moves the sweep's next pending trials to `queued`, where the dispatcher admits them in turn; returns how many. */
  async release(sweepId: string): Promise<number> {
    return (await this.ctx.store.sweeps.releaseTrials(sweepId)).length;
  }

  /** Ends the sweep if all its trials have ended, with its `sweep.completed` event in the same transaction. */
  async finish(sweepId: string): Promise<SweepSummary | null> {
    const summary = await runIntent(this.ctx, async (it) => {
      const ended = await it.tx.sweeps.finishIfDone(sweepId);
      if (!ended) return null;
      const eventId = await it.tx.events.recordForSweep(ended);
      if (eventId) it.follow({ kind: 'webhook', ref: eventId, requestId: null });
      return ended;
    });
    if (summary) this.ctx.logger.info({ sweepId, status: summary.status, counts: summary.counts }, 'sweep finished');
    return summary;
  }
}
