import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { JobSnapshot, NewOutboxEntry, Store, StoreScope } from '@jobgate/store';
import type { OutboxRelay } from './outbox-relay';

/** Told about every committed status change of a job (metrics); never part of the transaction. */
export type ChangeObserver = (before: JobSnapshot | null, after: JobSnapshot) => void;

/** What every system of the lifecycle layer works with. */
export interface IntentContext {
  store: Store;
  queues: JobgateQueues;
  relay: OutboxRelay;
  logger: Logger;
  observe?: ChangeObserver;
}

/** One intent's transaction: the state it changes and the outbox entries that must follow it. */
export interface IntentTx {
  tx: StoreScope;
  /** Queues work to be published once (and only if) the transaction commits. */
  follow(entry: NewOutboxEntry): void;
  /**
   * Records the webhook events a status change announces and queues their delivery. The event of
   * the status being left comes first when its writer has not recorded it yet (e.g. `job.submitted`
   * right before a fast `job.running`): creation order is delivery order.
   */
  announce(before: JobSnapshot | null, after: JobSnapshot): Promise<void>;
  /** `announce` for many changes at once: one statement for all their webhook events. */
  announceAll(changes: readonly [JobSnapshot, JobSnapshot][]): Promise<void>;
}

/**
 * Runs `work` as one PostgreSQL transaction that also writes its outbox entries, then hands the
 * entries to the relay. A crash after the commit delays the entries until the relay's sweep; it
 * never loses them, and nothing is published for a transaction that rolled back.
 */
export async function runIntent<T>(ctx: IntentContext, work: (it: IntentTx) => Promise<T>): Promise<T> {
  const changes: [JobSnapshot | null, JobSnapshot][] = [];
  const { result, written } = await ctx.store.transaction(async (tx) => {
    const follows: NewOutboxEntry[] = [];
    const it: IntentTx = {
      tx,
      follow: (entry) => follows.push(entry),
      announce: async (before, after) => {
        changes.push([before, after]);
        if (before && before.status !== after.status) await webhookFor(tx, before, follows);
        await webhookFor(tx, after, follows);
      },
      announceAll: async (pairs) => {
        changes.push(...pairs);
        const subjects = pairs.flatMap(([before, after]) => (before.status !== after.status ? [before, after] : [after]));
        const ids = await tx.events.recordForJobs(subjects);
        ids.forEach((eventId, i) => {
          if (eventId) follows.push({ kind: 'webhook', ref: eventId, requestId: subjects[i]!.requestId });
        });
      },
    };
    const value = await work(it);
    return { result: value, written: await tx.outbox.add(follows) };
  });
  for (const [before, after] of changes) ctx.observe?.(before, after);
  await ctx.relay.publish(written);
  return result;
}

async function webhookFor(tx: StoreScope, job: JobSnapshot, follows: NewOutboxEntry[]): Promise<void> {
  const eventId = await tx.events.recordForJob(job);
  if (eventId) follows.push({ kind: 'webhook', ref: eventId, requestId: job.requestId });
}
