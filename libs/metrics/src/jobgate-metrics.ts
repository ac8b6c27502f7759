import type { TerminalStatus } from '@jobgate/contracts/records';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { addScrapeGauges, type ScrapeSources } from './scrape-gauges';

export interface JobgateMetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, handles); default true. */
  defaultMetrics?: boolean;
}

/** What the ModelArts client's `onCall` hook reports (structurally its `ModelArtsCallEvent`). */
export interface ModelArtsCall {
  op: string;
  outcome: string;
  durationMs: number;
}

export type EndedStatus = TerminalStatus;

// ModelArts answers in tens of milliseconds to tens of seconds (a create behind a busy gateway).
const CALL_BUCKETS_SEC = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * jobgate's metrics on a registry of their own. Each process counts what it does itself (the api
 * accepts, the worker submits, the poller sees jobs end); `npm start` shares one instance across
 * its roles, so one /metrics shows everything.
 */
export class JobgateMetrics {
  readonly registry = new Registry();
  private readonly accepted = this.counter('jobgate_jobs_accepted_total', 'Jobs accepted by the api (202), by source: job or sweep trial', ['source']);
  private readonly submitted = this.counter('jobgate_jobs_submitted_total', 'Jobs created in ModelArts (or adopted after an unanswered create)');
  private readonly succeeded = this.counter('jobgate_jobs_succeeded_total', 'Jobs that ModelArts reports completed');
  private readonly failed = this.counter('jobgate_jobs_failed_total', 'Jobs that ended failed, by reason (the error code kept on the record)', ['reason']);
  private readonly canceled = this.counter('jobgate_jobs_canceled_total', 'Jobs that ended canceled');
  private readonly calls = this.counter('jobgate_modelarts_calls_total', 'ModelArts HTTP calls by operation and outcome (ok, error, throttled, network)', ['op', 'outcome']);
  private readonly callSeconds = new Histogram({
    name: 'jobgate_modelarts_call_duration_seconds', help: 'ModelArts HTTP call latency by operation and outcome',
    labelNames: ['op', 'outcome'], buckets: CALL_BUCKETS_SEC, registers: [this.registry],
  });
  private readonly throttled = this.counter('jobgate_modelarts_throttled_total', 'ModelArts answers that throttled jobgate (429 / APIG.0308), by operation', ['op']);
  private readonly deliveries = this.counter('jobgate_webhook_deliveries_total', 'Webhook delivery attempts by outcome', ['outcome']);

  constructor(options: JobgateMetricsOptions = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  jobsAccepted(count: number, source: 'job' | 'sweep'): void {
    if (count > 0) this.accepted.inc({ source }, count);
  }

  jobSubmitted(): void {
    this.submitted.inc();
  }

  /** Call once per job, on the transition into its final status. */
  jobEnded(status: EndedStatus, reason?: string | null): void {
    if (status === 'succeeded') this.succeeded.inc();
    else if (status === 'canceled') this.canceled.inc();
    else this.failed.inc({ reason: reason ?? 'unknown' });
  }

  /** For the ModelArts client's `onCall` hook; bound, so it can be passed as it is. */
  readonly modelArtsCall = (call: ModelArtsCall): void => {
    this.calls.inc({ op: call.op, outcome: call.outcome });
    this.callSeconds.observe({ op: call.op, outcome: call.outcome }, call.durationMs / 1000);
    if (call.outcome === 'throttled') this.throttled.inc({ op: call.op });
  };

  webhookAttempt(outcome: string): void {
    this.deliveries.inc({ outcome });
  }

  /** Queue depths and active jobs, read when scraped. Register once per registry (the api's). */
  collectOnScrape(sources: ScrapeSources): void {
    addScrapeGauges(this.registry, sources);
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private counter<L extends string = never>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
