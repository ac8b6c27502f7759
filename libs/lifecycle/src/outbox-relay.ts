import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { OutboxEntry, Store } from '@jobgate/store';

export interface OutboxRelayOptions {
  store: Store;
  queues: JobgateQueues;
  logger: Logger;
  /** How often entries left unpublished (a crash between commit and publish) are looked for; default 1 s. */
  sweepEveryMs?: number;
  /** Age before an entry counts as left behind rather than being published by its writer; default 2 s. */
  graceMs?: number;
  /**
   * Fault tests only (FAILPOINTS=outbox:before-publish): called with entries just committed, before
   * they are published; the test's hook kills the process there, as a crash would. Default none.
   */
  beforePublish?: (entries: readonly OutboxEntry[]) => void;
}

const SWEEP_BATCH = 500;

/**
 * Publishes outbox entries to BullMQ: each intent hands over what it wrote right after its commit,
 * and a sweep re-publishes whatever a crash left behind. Publishing is idempotent (queue job ids are
 * record ids, and every processor re-reads PostgreSQL), so publishing an entry twice is harmless.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly options: OutboxRelayOptions) {}

  /** After commit: publish and forget. A failure leaves the entries for the sweep, never an error to the caller. */
  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.options.beforePublish?.(entries);
    try {
      await this.send(entries);
      await this.options.store.outbox.remove(entries.map((e) => e.id));
    } catch (err) {
      this.options.logger.warn({ err, entries: entries.length }, 'outbox publish failed; the relay sweep will retry');
    }
  }

  /** One sweep pass: publishes entries older than the grace period; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.options.store.outbox.publishStale({
        graceMs: this.options.graceMs ?? 2_000,
        limit: SWEEP_BATCH,
        publish: (entries) => this.send(entries),
      });
      total += n;
      if (n < SWEEP_BATCH) return total;
    }
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      this.sweeping ??= this.sweep()
        .then((n) => {
          if (n > 0) this.options.logger.info({ published: n }, 'outbox: published entries left behind');
        })
        .catch((err) => this.options.logger.warn({ err }, 'outbox sweep failed'))
        .finally(() => {
          this.sweeping = null;
        });
    };
    this.timer = setInterval(run, this.options.sweepEveryMs ?? 1_000);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private async send(entries: readonly OutboxEntry[]): Promise<void> {
    const { queues } = this.options;
    const submits = entries.filter((e) => e.kind === 'submit').map((e) => ({ jobId: e.ref, requestId: e.requestId }));
    const stops = entries.filter((e) => e.kind === 'stop').map((e) => ({ jobId: e.ref, requestId: e.requestId, requestKey: e.id }));
    const webhooks = entries.filter((e) => e.kind === 'webhook');
    await queues.assertConnected();
    await Promise.all([
      queues.enqueueSubmitBulk(submits),
      queues.enqueueStops(stops),
      // Each event keeps the request id of the change that created it, for the delivery's logs.
      ...webhooks.map((e) => queues.enqueueWebhooks([e.ref], { requestId: e.requestId })),
    ]);
  }
}
