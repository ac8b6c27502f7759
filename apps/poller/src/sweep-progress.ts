import type { Logger } from '@jobgate/logging';
import type { SweepRepository, WebhookEventRepository } from '@jobgate/store';

export interface SweepProgressDeps {
  sweeps: SweepRepository;
  events: WebhookEventRepository;
  /** Enqueues released trials for submission. */
  enqueueTrials: (trials: { jobId: string; requestId: string | null }[]) => Promise<void>;
  /** Queues `sweep.completed` webhook events. */
  publishEvents: (eventIds: string[]) => Promise<void>;
  logger: Logger;
}

/**
 * Run after every poll tick: releases the next trials of every running sweep into the slots its
 * ended trials left (all state is in PostgreSQL, so this survives restarts and any replica may run
 * it), then closes sweeps whose trials have all ended, with one `sweep.completed` event each,
 * written in the same transaction that ends the sweep.
 */
export function sweepProgress(deps: SweepProgressDeps): () => Promise<{ released: number; finished: number }> {
  return async () => {
    const released = await deps.sweeps.releaseAll();
    if (released.length > 0) await deps.enqueueTrials(released);
    const eventIds: string[] = [];
    const finished = await deps.sweeps.finishAllDone({
      onFinished: async (summary, db) => {
        const id = await deps.events.recordForSweep(summary, db);
        if (id) eventIds.push(id);
      },
    });
    if (eventIds.length > 0) await deps.publishEvents(eventIds);
    for (const s of finished) deps.logger.info({ sweepId: s.id, status: s.status, counts: s.counts }, 'sweep finished');
    return { released: released.length, finished: finished.length };
  };
}
