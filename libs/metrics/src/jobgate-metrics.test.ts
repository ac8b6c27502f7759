import { JobgateMetrics } from './jobgate-metrics';

describe('JobgateMetrics', () => {
  it('counts jobs, ModelArts calls with latency, throttling and webhook attempts in Prometheus text', async () => {
    const metrics = new JobgateMetrics({ defaultMetrics: false });
    metrics.jobsAccepted(1, 'job');
    metrics.jobsAccepted(12, 'sweep');
    metrics.jobSubmitted();
    metrics.jobEnded('succeeded');
    metrics.jobEnded('failed', 'ModelArts.0103');
    metrics.jobEnded('failed', null);
    metrics.modelArtsCall({ op: 'create', outcome: 'ok', durationMs: 40 });
    metrics.modelArtsCall({ op: 'create', outcome: 'throttled', durationMs: 5 });
    metrics.webhookAttempt('delivered');
    const { contentType, body } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('jobgate_jobs_accepted_total{source="job"} 1');
    expect(body).toContain('jobgate_jobs_accepted_total{source="sweep"} 12');
    expect(body).toContain('jobgate_jobs_submitted_total 1');
    expect(body).toContain('jobgate_jobs_succeeded_total 1');
    expect(body).toContain('jobgate_jobs_failed_total{reason="ModelArts.0103"} 1');
    expect(body).toContain('jobgate_jobs_failed_total{reason="unknown"} 1');
    expect(body).toContain('jobgate_modelarts_calls_total{op="create",outcome="ok"} 1');
    expect(body).toContain('jobgate_modelarts_call_duration_seconds_bucket{le="0.05",op="create",outcome="ok"} 1');
    expect(body).toContain('jobgate_modelarts_throttled_total{op="create"} 1');
    expect(body).toContain('jobgate_webhook_deliveries_total{outcome="delivered"} 1');
  });

  it('reads queue depths and active jobs on every scrape, leaving out what cannot be read', async () => {
    const metrics = new JobgateMetrics({ defaultMetrics: false });
    let depth = 3;
    const errors: string[] = [];
    let redisUp = true;
    metrics.collectOnScrape({
      queueDepths: async () => {
        if (!redisUp) throw new Error('Redis is not connected');
        return { submit: { waiting: depth, active: 1 } };
      },
      activeJobs: () => new Promise(() => undefined),
      maxActiveJobs: 100,
      timeoutMs: 50,
      onError: (source) => errors.push(source),
    });
    expect((await metrics.scrape()).body).toContain('jobgate_queue_jobs{queue="submit",state="waiting"} 3');
    depth = 7;
    const second = (await metrics.scrape()).body;
    expect(second).toContain('jobgate_queue_jobs{queue="submit",state="waiting"} 7');
    expect(second).toContain('jobgate_max_active_jobs 100');
    expect(second).toMatch(/^jobgate_active_jobs nan$/im);
    redisUp = false;
    expect((await metrics.scrape()).body).not.toContain('jobgate_queue_jobs{');
    expect(errors).toEqual(['active jobs', 'active jobs', 'queue depths', 'active jobs']);
  });

  it('exports the account quota read on scrape, and the cap in force, with NaN while the quota is unknown', async () => {
    const metrics = new JobgateMetrics({ defaultMetrics: false });
    let quota: { quotas: number | null; jobCountLimit: number | null } | null = null;
    metrics.collectOnScrape({ queueDepths: async () => ({}), activeJobs: async () => 0, maxActiveJobs: 100, accountQuota: async () => quota });
    const first = (await metrics.scrape()).body;
    expect(first).toMatch(/^jobgate_modelarts_quota nan$/im);
    expect(first).toContain('jobgate_max_active_jobs_applied 100');
    quota = { quotas: 3, jobCountLimit: 1 };
    const second = (await metrics.scrape()).body;
    expect(second).toContain('jobgate_modelarts_quota 3');
    expect(second).toContain('jobgate_modelarts_job_count_limit 1');
    expect(second).toContain('jobgate_max_active_jobs_applied 3');
  });

  it('times HTTP requests by method, route template and status', async () => {
    const metrics = new JobgateMetrics({ defaultMetrics: false });
    metrics.httpRequest({ method: 'GET', route: '/v1/jobs/:id', status: 200, durationMs: 7 });
    metrics.httpRequest({ method: 'GET', route: '/v1/jobs/:id', status: 200, durationMs: 300 });
    metrics.httpRequest({ method: 'POST', route: '/v1/jobs', status: 400, durationMs: 2 });
    metrics.httpRequest({ method: 'PROPFIND', route: 'unmatched', status: 404, durationMs: 1 });
    const { body } = await metrics.scrape();
    expect(body).toContain('jobgate_http_request_duration_seconds_bucket{le="0.01",method="GET",route="/v1/jobs/:id",status="200"} 1');
    expect(body).toContain('jobgate_http_request_duration_seconds_bucket{le="0.5",method="GET",route="/v1/jobs/:id",status="200"} 2');
    expect(body).toContain('jobgate_http_request_duration_seconds_count{method="POST",route="/v1/jobs",status="400"} 1');
    expect(body).toContain('jobgate_http_request_duration_seconds_count{method="OTHER",route="unmatched",status="404"} 1');
  });

  it('includes process metrics by default', async () => {
    expect((await new JobgateMetrics().scrape()).body).toContain('process_cpu_user_seconds_total');
  });
});
