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
import { tables, type Tables } from './tables';
import { withTransaction, type Queryable } from './with-transaction';

export interface StoreOptions {
  /** The schema holding jobgate's tables; every statement names it (see tables.ts). */
  schema: string;
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
  /** jobgate's tables, schema-qualified, for the few statements written outside a repository. */
  readonly tables: Tables;

  constructor(db: Queryable, pool: Pool, options: StoreOptions) {
    const t = (this.tables = tables(options.schema));
    this.submissions = new SubmissionRepository(db, t);
    this.polls = new PollRepository(db, t);
    this.cancels = new CancelRepository(db, t);
    this.sweeps = new SweepRepository(db, t);
    this.events = new WebhookEventRepository(db, t, { defaultUrl: options.defaultWebhookUrl });
    this.deliveries = new WebhookDeliveryRepository(db, t);
    this.metrics = new JobMetricsRepository(db, t);
    this.reportTokens = new ReportTokenRepository(db, t);
    this.outbox = new OutboxRepository(pool, t, db);
    this.teams = new TeamRepository(db, t);
    this.dispatch = new DispatchRepository(db, t);
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
    private readonly options: StoreOptions,
  ) {
    super(pool, pool, options);
    this.jobs = new JobRepository(pool, this.tables);
  }

  transaction<T>(work: (tx: StoreScope) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (db) => work(new StoreScope(db, this.pool, this.options)));
  }
}
