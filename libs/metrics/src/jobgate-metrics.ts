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

/** One answered HTTP request, as the api's access log reports it. */
export interface HttpRequest {
  method: string;
  /** The matched route's template (`/v1/jobs/:id`), never the raw path, so the label set stays small. */
  route: string;
  status: number;
  durationMs: number;
}

// ModelArts answers in tens of milliseconds to tens of seconds (a create behind a busy gateway).
const CALL_BUCKETS_SEC = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// The api answers from memory, Redis and PostgreSQL: milliseconds, or seconds when something is wrong.
const HTTP_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// From accepted to created in ModelArts: under a second when idle, minutes or hours behind a backlog.
const WAIT_BUCKETS_SEC = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600];
// Anything else (a scanner's PROPFIND) shares one label value instead of adding series.
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * jobgate's metrics on a registry of their own. Each process counts what it does itself (the api
 * accepts, the worker submits, the poller sees jobs end); `npm start` shares one instance across
 * its roles, so one /metrics shows everything.
 */
export class JobgateMetrics {
  readonly registry = new Registry();
  private readonly authFailures = this.counter(
    'jobgate_auth_failures_total',
    'Requests to /v1 refused for their API key, by reason: missing_api_key, invalid_api_key or blocked (too many failures from the address)',
    ['reason'],
  );
  private readonly accepted = this.counter('jobgate_jobs_accepted_total', 'Jobs accepted by the api (202), by source: job or sweep trial', ['source']);
  private readonly submitted = this.counter('jobgate_jobs_submitted_total', 'Jobs created in ModelArts (or adopted after an unanswered create)');
  private readonly succeeded = this.counter('jobgate_jobs_succeeded_total', 'Jobs that ModelArts reports completed');
  private readonly failed = this.counter('jobgate_jobs_failed_total', 'Jobs that ended failed, by reason (the error code kept on the record)', ['reason']);
  private readonly canceled = this.counter('jobgate_jobs_canceled_total', 'Jobs that ended canceled');
  private readonly calls = this.counter('jobgate_modelarts_calls_total', 'ModelArts HTTP calls by operation and outcome (ok, error, throttled, network)', [
    'op',
    'outcome',
  ]);
  private readonly callSeconds = new Histogram({
    name: 'jobgate_modelarts_call_duration_seconds',
    help: 'ModelArts HTTP call latency by operation and outcome',
    labelNames: ['op', 'outcome'],
    buckets: CALL_BUCKETS_SEC,
    registers: [this.registry],
  });
  private readonly throttled = this.counter('jobgate_modelarts_throttled_total', 'ModelArts answers that throttled jobgate (429 / APIG.0308), by operation', [
    'op',
  ]);
  private readonly deliveries = this.counter('jobgate_webhook_deliveries_total', 'Webhook delivery attempts by outcome', ['outcome']);
  private readonly waitSeconds = new Histogram({
    name: 'jobgate_job_wait_seconds',
    help: 'Time from a job accepted to its creation in ModelArts, by owning team (fair share at work)',
    labelNames: ['team'],
    buckets: WAIT_BUCKETS_SEC,
    registers: [this.registry],
  });

  private readonly httpSeconds = new Histogram({
    name: 'jobgate_http_request_duration_seconds',
    help: 'HTTP requests answered by the api, by method, route template and status; latency histogram (_count is the request count)',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS_SEC,
    registers: [this.registry],
  });

  constructor(options: JobgateMetricsOptions = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  jobsAccepted(count: number, source: 'job' | 'sweep'): void {
    if (count > 0) this.accepted.inc({ source }, count);
  }

  /** A job created (or adopted) in ModelArts, `waitMs` after it was accepted; `team` is the owner's name (`operators` for none). */
  jobSubmitted(team = 'operators', waitMs?: number): void {
    this.submitted.inc();
    if (waitMs !== undefined) this.waitSeconds.observe({ team }, Math.max(0, waitMs) / 1000);
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

  /** For the api's access log; bound, so it can be passed as it is. */
  readonly httpRequest = (request: HttpRequest): void => {
    const method = HTTP_METHODS.has(request.method) ? request.method : 'OTHER';
    this.httpSeconds.observe({ method, route: request.route, status: String(request.status) }, request.durationMs / 1000);
  };

  /** A /v1 request refused for its key: missing, invalid, or its address blocked after too many failures. */
  authFailure(reason: 'missing_api_key' | 'invalid_api_key' | 'blocked'): void {
    this.authFailures.inc({ reason });
  }

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
