import type { Pool } from 'pg';
import { CancelRepository } from './cancel.repository';
import { DispatchRepository } from './dispatch.repository';
import { JobMetricsRepository } from './job-metrics.repository';
import { JobRepository } from './job.repository';
import { OutboxRepository } from './outbox.repository';
import { PollRepository } from './poll.repository';
import { ReportTokenRepository } from './report-token.repository';
import { SubmissionRepository } from './submission.repository';
import { SweepRepository } from './sweep.repository';
import { TeamRepository } from './team.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEventRepository } from './webhook-event.repository';
import { withTransaction, type Queryable } from './with-transaction';

export interface StoreOptions {
  /** WEBHOOK_URL: the receiver of jobs created without a `webhook_url`; null = no event for them. */
  defaultWebhookUrl?: string | null;
}

/** The repositories that work on one connection: the pool, or one transaction. */
export class StoreScope {
  readonly submissions: SubmissionRepository;
  readonly polls: PollRepository;
  readonly cancels: CancelRepository;
  readonly sweeps: SweepRepository;
  readonly events: WebhookEventRepository;
  readonly deliveries: WebhookDeliveryRepository;
  readonly metrics: JobMetricsRepository;
  readonly reportTokens: ReportTokenRepository;
  readonly outbox: OutboxRepository;
  readonly teams: TeamRepository;
  readonly dispatch: DispatchRepository;

  constructor(db: Queryable, pool: Pool, options: StoreOptions) {
    this.submissions = new SubmissionRepository(db);
    this.polls = new PollRepository(db);
    this.cancels = new CancelRepository(db);
    this.sweeps = new SweepRepository(db);
    this.events = new WebhookEventRepository(db, { defaultUrl: options.defaultWebhookUrl });
    this.deliveries = new WebhookDeliveryRepository(db);
    this.metrics = new JobMetricsRepository(db);
    this.reportTokens = new ReportTokenRepository(db);
    this.outbox = new OutboxRepository(pool, db);
    this.teams = new TeamRepository(db);
    this.dispatch = new DispatchRepository(db);
  }
}

/**
 * jobgate's results store: repositories on the pool, and `transaction` for changes that must
 * commit together (a status change, its webhook event and its outbox entries).
 */
export class Store extends StoreScope {
  readonly jobs: JobRepository;

  constructor(
    readonly pool: Pool,
    private readonly options: StoreOptions = {},
  ) {
    super(pool, pool, options);
    this.jobs = new JobRepository(pool);
  }

  transaction<T>(work: (tx: StoreScope) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (db) => work(new StoreScope(db, this.pool, this.options)));
  }
}
