import { Gauge, type Registry } from 'prom-client';

/** Per queue, per BullMQ state: `{ submit: { waiting: 3, active: 1, delayed: 0, failed: 0 } }`. */
export type QueueDepths = Record<string, Record<string, number>>;

export interface ScrapeSources {
  queueDepths: () => Promise<QueueDepths>;
  /** Jobs holding one of the MAX_ACTIVE_JOBS slots (PostgreSQL). */
  activeJobs: () => Promise<number>;
  /** MAX_ACTIVE_JOBS, exported next to the active count so a dashboard can show the headroom. */
  maxActiveJobs: number;
  /** The ModelArts account quota as the list call last reported it (shared in Redis); null while unknown. Default none. */
  accountQuota?: () => Promise<{ quotas: number | null; jobCountLimit: number | null } | null>;
  /** Each team's waiting and active jobs and its share (active ÷ weight); default none. */
  teamUsage?: () => Promise<{ team: string; queued: number; active: number; share: number }[]>;
  /** A scrape must answer even when Redis or PostgreSQL does not; default 2000 ms per source. */
  timeoutMs?: number;
  /** Told when a source fails; its series are left out of that scrape rather than shown stale. */
  onError?: (source: string, err: unknown) => void;
}

export function addScrapeGauges(registry: Registry, sources: ScrapeSources): void {
  const timeoutMs = sources.timeoutMs ?? 2_000;
  const failed =
    (source: string) =>
    (err: unknown): undefined => {
      sources.onError?.(source, err);
      return undefined;
    };
  new Gauge({
    name: 'jobgate_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read on scrape',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const depths = await withTimeout(sources.queueDepths(), timeoutMs).catch(failed('queue depths'));
      for (const [queue, states] of Object.entries(depths ?? {})) {
        for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
      }
    },
  });
  new Gauge({
    name: 'jobgate_active_jobs',
    help: 'Jobs submitted to ModelArts and not yet ended (holding a MAX_ACTIVE_JOBS slot), read on scrape',
    registers: [registry],
    async collect() {
      const active = await withTimeout(sources.activeJobs(), timeoutMs).catch(failed('active jobs'));
      // NaN, not a stale or a false 0, while PostgreSQL cannot say.
      this.set(typeof active === 'number' ? active : Number.NaN);
    },
  });
  if (sources.teamUsage) {
    const teamUsage = sources.teamUsage;
    let reading: Promise<Awaited<ReturnType<typeof teamUsage>> | undefined> | null = null;
    // Both gauges read one query per scrape.
    const read = () =>
      (reading ??= withTimeout(teamUsage(), timeoutMs)
        .catch(failed('team usage'))
        .finally(() => setTimeout(() => (reading = null), 0)));
    new Gauge({
      name: 'jobgate_team_jobs',
      help: "Each team's jobs waiting (queued + pending trials) and active (holding slots), read on scrape",
      labelNames: ['team', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const u of (await read()) ?? []) {
          this.set({ team: u.team, state: 'queued' }, u.queued);
          this.set({ team: u.team, state: 'active' }, u.active);
        }
      },
    });
    new Gauge({
      name: 'jobgate_team_share',
      help: "Each team's active jobs ÷ its weight: fair share gives the next slot to the lowest",
      labelNames: ['team'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const u of (await read()) ?? []) this.set({ team: u.team }, u.share);
      },
    });
  }
  new Gauge({ name: 'jobgate_max_active_jobs', help: 'MAX_ACTIVE_JOBS: the cap on jobs active in ModelArts at once', registers: [registry] }).set(
    sources.maxActiveJobs,
  );
  if (sources.accountQuota)
    addQuotaGauges(registry, { ...sources, accountQuota: sources.accountQuota }, (promise) => withTimeout(promise, timeoutMs).catch(failed('account quota')));
}

/**
 * The account quota of ModelArts' list call (§6.3), NaN while unknown: `quotas` (read as the cap on
 * jobs that run at once), `job_count_limit` (read as how many more may be created), and the cap
 * jobgate applies, the lower of MAX_ACTIVE_JOBS and `quotas`.
 */
function addQuotaGauges(
  registry: Registry,
  sources: Pick<ScrapeSources, 'maxActiveJobs'> & Required<Pick<ScrapeSources, 'accountQuota'>>,
  read: <T>(promise: Promise<T>) => Promise<T | undefined>,
): void {
  // Each gauge reads on its own: a Redis hash read per gauge and scrape costs nothing worth sharing.
  const quota = () => read(sources.accountQuota());
  const gauge = (name: string, help: string, value: (q: { quotas: number | null; jobCountLimit: number | null } | null | undefined) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(value(await quota()));
      },
    });
  gauge(
    'jobgate_modelarts_quota',
    "The ModelArts account's `quotas` (list call, read on scrape): the cap on jobs that run at once; NaN while unknown",
    (q) => q?.quotas ?? Number.NaN,
  );
  gauge(
    'jobgate_modelarts_job_count_limit',
    "The ModelArts account's `job_count_limit` (list call, read on scrape): how many more jobs may be created; NaN while unknown",
    (q) => q?.jobCountLimit ?? Number.NaN,
  );
  gauge('jobgate_max_active_jobs_applied', 'The cap on active jobs in force: the lower of MAX_ACTIVE_JOBS and the account quota', (q) => {
    const limit = q?.quotas ?? null;
    return limit !== null && limit > 0 ? Math.min(sources.maxActiveJobs, limit) : sources.maxActiveJobs;
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
