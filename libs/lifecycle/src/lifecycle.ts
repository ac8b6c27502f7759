import type { Logger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import type { OutboxEntry, Store } from '@jobgate/store';
import { AccountSystem, type AccountClient, type AccountSettings } from './account.system';
import { CancelSystem } from './cancel.system';
import { DeliverySystem, type DeliverySystemOptions } from './delivery.system';
import { DispatchSystem, type DispatchOptions } from './dispatch.system';
import { IntakeSystem } from './intake.system';
import type { ChangeObserver, IntentContext } from './intent-context';
import { LogSystem, type LogClient } from './log.system';
import { ModelArtsReads, type ReadGate } from './modelarts-reads';
import { OutboxRelay } from './outbox-relay';
import { ReadModel } from './read-model';
import { ReconcileSystem } from './reconcile.system';
import { EarlyStopSystem } from './early-stop.system';
import { ReportingSystem } from './reporting.system';
import { StatusSystem } from './status.system';
import { StopSystem, type StopClient } from './stop.system';
import { SubmitSystem, type SubmitSystemOptions } from './submit.system';
import { SweepSystem } from './sweep.system';
import { TeamSystem } from './team.system';

export interface LifecycleOptions {
  store: Store;
  queues: JobgateQueues;
  logger: Logger;
  /** Told about every committed status change (metrics). */
  observe?: ChangeObserver;
  /** The outbox relay's sweep interval; default 1 s. */
  relaySweepEveryMs?: number;
  /** WEBHOOK_SECRET_OVERLAP_S; default 86 400. */
  secretOverlapSec?: number;
  /** FAILPOINTS: `outbox:before-publish` kills the process after a commit with webhook entries, before publishing them (fault tests). */
  failpoints?: readonly string[];
  /** ModelArts for reads on someone's behalf (logs, the account's lists and quota); none: logs answer 503, intake is not checked. */
  modelarts?: ModelArtsReadsConfig;
}

export interface ModelArtsReadsConfig {
  client: AccountClient & LogClient;
  /** The window of on-demand reads (MODELARTS_READ_RATE_LIMIT); default none (unpaced, for tests). */
  readGate?: ReadGate;
  account?: AccountSettings;
}

/**
 * The one owner of every change to a job or sweep. Each intent is one PostgreSQL transaction that
 * changes state and writes what must follow it (webhook events, queue work) as outbox entries,
 * published right after commit. Routes, queue processors and the poll tick call these and nothing
 * else of the store or the queues. See docs/architecture.md.
 */
export class Lifecycle {
  readonly relay: OutboxRelay;
  readonly intake: IntakeSystem;
  readonly sweeps: SweepSystem;
  readonly cancels: CancelSystem;
  readonly statuses: StatusSystem;
  readonly reporting: ReportingSystem;
  readonly reconcile: ReconcileSystem;
  readonly reads: ReadModel;
  readonly teams: TeamSystem;
  /** The account's flavors, engines and quota. */
  readonly account: AccountSystem;
  /** Job logs from ModelArts. */
  readonly logs: LogSystem;
  private readonly ctx: IntentContext;

  constructor(options: LifecycleOptions) {
    this.relay = new OutboxRelay({
      store: options.store,
      queues: options.queues,
      logger: options.logger,
      sweepEveryMs: options.relaySweepEveryMs,
      beforePublish: options.failpoints?.includes('outbox:before-publish') ? crashOnWebhookEntries(options.logger) : undefined,
    });
    this.ctx = { store: options.store, queues: options.queues, relay: this.relay, logger: options.logger, observe: options.observe };
    this.intake = new IntakeSystem(this.ctx);
    this.sweeps = new SweepSystem(this.ctx);
    this.cancels = new CancelSystem(this.ctx, this.sweeps);
    this.statuses = new StatusSystem(this.ctx);
    this.reporting = new ReportingSystem(this.ctx, new EarlyStopSystem(this.ctx, this.cancels));
    this.reconcile = new ReconcileSystem(this.ctx, this.sweeps);
    this.reads = new ReadModel(options.store);
    this.teams = new TeamSystem(this.ctx, { secretOverlapSec: options.secretOverlapSec });
    const modelarts = options.modelarts;
    const reads = new ModelArtsReads({ gate: modelarts?.readGate, logger: options.logger });
    this.account = new AccountSystem(this.ctx, reads, modelarts?.client ?? null, modelarts?.account);
    this.logs = new LogSystem(reads, modelarts?.client ?? null, options.logger);
  }

  /** The submission system of a worker (it needs ModelArts and the shared rate gate). */
  submitSystem(options: SubmitSystemOptions): SubmitSystem {
    return new SubmitSystem(this.ctx, options);
  }

  /** The stop system of a worker. */
  stopSystem(client: StopClient): StopSystem {
    return new StopSystem(this.ctx, client);
  }

  /** The scheduling loop of a worker: admits waiting jobs into free capacity in fair-share order; the account quota caps MAX_ACTIVE_JOBS. */
  dispatchSystem(options: DispatchOptions): DispatchSystem {
    return new DispatchSystem(this.ctx, { maxActiveInForce: (configured) => this.account.maxActiveJobs(configured), ...options });
  }

  /** The webhook delivery system of a worker (it needs the signing sender). */
  deliverySystem(options: DeliverySystemOptions): DeliverySystem {
    return new DeliverySystem(this.ctx, options);
  }

  /** Starts the relay's sweep of entries left unpublished by a crash. */
  start(): void {
    this.relay.start();
  }

  async close(): Promise<void> {
    await this.relay.stop();
  }
}

/** The failpoint: a crash right after a commit whose webhook entries are not yet published. */
function crashOnWebhookEntries(logger: Logger): (entries: readonly OutboxEntry[]) => void {
  return (entries) => {
    if (!entries.some((e) => e.kind === 'webhook')) return;
    logger.warn({ failpoint: 'outbox:before-publish' }, 'failpoint: killing the process between commit and publish');
    process.kill(process.pid, 'SIGKILL');
  };
}
